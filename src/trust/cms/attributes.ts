import { Attribute } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Time } from '@peculiar/asn1-x509';
import { TrustReasons } from '../verdict';
import { fail, parseOrFail } from './failure';
import { decodeOid, Oids } from './oid';
import { children, isUniversal, octetStringValue, readTlv, type Tlv } from './tlv';

/** What the signed attributes assert about the content. */
export interface SignedAttributeFacts {
  messageDigest: Buffer;
  signingTime?: Date;
}

/**
 * Attributes that must carry exactly one value. RFC 5652 §11.1–11.3 for the first three; RFC 2634 §5.4 and
 * RFC 5035 §3 for the ESS signing-certificate references, which pin the signer's certificate.
 */
const SINGLE_VALUED: ReadonlySet<string> = new Set([
  Oids.contentType,
  Oids.messageDigest,
  Oids.signingTime,
  Oids.signingCertificate,
  Oids.signingCertificateV2,
]);

/**
 * Checks the signed attributes of one SignerInfo (the `[0] IMPLICIT SET OF Attribute` element) and returns
 * the digest and time they claim. A type occurring twice is refused for every type, not only the required
 * ones: two signing times or two certificate references leave the reader to guess which one was meant,
 * and that ambiguity is what attribute-duplication attacks use.
 */
export function checkSignedAttributes(signedAttrs: Tlv, eContentType: string): SignedAttributeFacts {
  const attributes = children(signedAttrs).map((a) =>
    parseOrFail('signed attribute', () => AsnConvert.parse(a.der, Attribute)),
  );
  if (attributes.length === 0) bad('the signed attribute set is empty');
  const seen = new Set<string>();
  for (const attribute of attributes) {
    if (seen.has(attribute.attrType)) bad(`signed attribute ${attribute.attrType} occurs more than once`);
    seen.add(attribute.attrType);
    if (SINGLE_VALUED.has(attribute.attrType) && attribute.attrValues.length !== 1) {
      bad(`signed attribute ${attribute.attrType} has ${attribute.attrValues.length} values, one required`);
    }
    if (attribute.attrType === Oids.counterSignature)
      bad('a counter-signature may not be a signed attribute');
  }
  const value = (oid: string): Buffer | undefined => {
    const found = attributes.find((a) => a.attrType === oid);
    return found ? Buffer.from(found.attrValues[0]) : undefined;
  };
  const contentType = value(Oids.contentType);
  if (!contentType) bad('the contentType signed attribute is missing');
  const claimedType = decodeOid(readTlv(contentType));
  if (claimedType !== eContentType)
    bad(`contentType attribute ${claimedType} differs from eContentType ${eContentType}`);
  const digest = value(Oids.messageDigest);
  if (!digest) bad('the messageDigest signed attribute is missing');
  const digestTlv = readTlv(digest);
  if (!isUniversal(digestTlv, 4)) bad('the messageDigest attribute is not an OCTET STRING');
  const time = value(Oids.signingTime);
  return {
    messageDigest: octetStringValue(digestTlv),
    signingTime: time ? parseOrFail('signingTime', () => AsnConvert.parse(time, Time).getTime()) : undefined,
  };
}

function bad(detail: string): never {
  return fail(TrustReasons.cmsAttributes, detail);
}
