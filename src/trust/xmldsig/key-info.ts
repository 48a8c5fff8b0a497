import { X509Certificate } from 'node:crypto';
import { TrustReasons } from '../verdict';
import { base64Text, dsigChildren } from './dom';
import { SigRefusal } from './refusal';

/**
 * The DER of every `KeyInfo/X509Data/X509Certificate` directly under the Signature. They are only reported
 * and offered to the caller's resolver: a certificate that came with the message is never trusted by being
 * there. One that is not a parseable certificate (the edXML samples carry one truncated to 11 characters) is
 * refused, rather than skipped, so that a broken signer is visible.
 */
export function readKeyInfoCertificates(signature: Element): Buffer[] {
  const keyInfos = dsigChildren(signature, 'KeyInfo');
  if (keyInfos.length > 1) {
    throw new SigRefusal(TrustReasons.malformedSignature, 'the Signature holds several KeyInfo elements');
  }
  if (keyInfos.length === 0) return [];
  const certificates: Buffer[] = [];
  for (const data of dsigChildren(keyInfos[0], 'X509Data')) {
    for (const certEl of dsigChildren(data, 'X509Certificate')) {
      certificates.push(decodeCertificate(certEl));
    }
  }
  return certificates;
}

function decodeCertificate(certEl: Element): Buffer {
  const fail = (): SigRefusal =>
    new SigRefusal(TrustReasons.certMalformed, 'a KeyInfo X509Certificate is not a DER certificate');
  let der: Buffer;
  try {
    der = Buffer.from(base64Text(certEl), 'base64');
    new X509Certificate(der);
  } catch {
    throw fail();
  }
  return der;
}
