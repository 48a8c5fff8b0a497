import { sign, type KeyObject } from 'node:crypto';
import { Attribute, ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { withTag } from '../tlv';

/**
 * Rewrites the first SignerInfo of a DER SignedData and signs its new signed attributes again with
 * `privateKey` (RSA PKCS #1 v1.5), so a test can present attributes that break one rule while the
 * signature itself is sound: the verifier must then refuse for the rule, not for the math.
 */
export function resign(
  der: Buffer,
  privateKey: KeyObject,
  edit: (attributes: Attribute[]) => Attribute[],
): Buffer {
  const contentInfo = AsnConvert.parse(der, ContentInfo);
  const signedData = AsnConvert.parse(contentInfo.content, SignedData);
  const signer = signedData.signerInfos[0];
  const attributes = edit([...(signer.signedAttrs ?? [])]);
  signer.signedAttrs = attributes;
  const signedBytes = withTag(
    0x31,
    Buffer.concat(attributes.map((a) => Buffer.from(AsnConvert.serialize(a)))),
  );
  signer.signature = new OctetString(sign('sha256', signedBytes, privateKey));
  contentInfo.content = AsnConvert.serialize(signedData);
  return Buffer.from(AsnConvert.serialize(contentInfo));
}

/** A signed attribute with the given DER values. */
export function attribute(attrType: string, ...values: Buffer[]): Attribute {
  return new Attribute({ attrType, attrValues: values.map((v) => new Uint8Array(v).buffer) });
}
