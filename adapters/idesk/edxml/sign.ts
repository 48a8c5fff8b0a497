/**
 * Signs an edXML message the way QCVN 102 receivers expect (spec §2.4): one enveloped XML-DSig signature over
 * the whole document (`Reference URI=""`, so the attachments are covered too), placed inside `edXMLHeader`
 * after `TraceHeaderList`, with the certificate and its subject name in `KeyInfo/X509Data`.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { safeXmlText } from '../../../src/trust/xml/safe-xml';
import { EdxmlErrors, edxmlError } from './errors';

export interface SignEdxmlOptions {
  /** The signer's RSA private key. */
  privateKey: KeyObject | string;
  /** The signer's certificate (PEM), written into KeyInfo. */
  certificatePem: string;
  /** `sha1` only for receivers still on the SDK's RSA-SHA1. @defaultValue 'sha256' */
  algorithm?: 'sha256' | 'sha1';
}

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const ALGORITHMS = {
  sha256: {
    signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    digest: 'http://www.w3.org/2001/04/xmlenc#sha256',
  },
  sha1: { signature: `${DSIG}rsa-sha1`, digest: `${DSIG}sha1` },
} as const;
const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** RFC 2253 order (most specific first, comma-separated), as Java's X500Principal writes X509SubjectName. */
function subjectName(cert: X509Certificate): string {
  return cert.subject
    .split('\n')
    .filter((rdn) => rdn !== '')
    .reverse()
    .map((rdn) => rdn.replace(/([,+;<>\\])/g, '\\$1'))
    .join(',');
}

function keyInfo(cert: X509Certificate): string {
  const der = cert.raw.toString('base64');
  return `<X509Data><X509SubjectName>${escape(subjectName(cert))}</X509SubjectName><X509Certificate>${der}</X509Certificate></X509Data>`;
}

/** Where the Signature goes: after TraceHeaderList, or after MessageHeader when there is none (a status). */
function location(text: string): { reference: string; action: 'after' } {
  const anchor = /<(?:[\w.-]+:)?TraceHeaderList[\s>/]/.test(text) ? 'TraceHeaderList' : 'MessageHeader';
  return { reference: `//*[local-name(.)='${anchor}']`, action: 'after' };
}

/** Returns the signed document. The input must be a well-formed edXML message (it is checked by safe-xml). */
export function signEdxml(xml: Buffer, options: SignEdxmlOptions): Buffer {
  const text = safeXmlText(xml);
  if (!/<(?:[\w.-]+:)?MessageHeader[\s>/]/.test(text)) {
    throw edxmlError(EdxmlErrors.missingHeader, 'nothing to sign: no MessageHeader');
  }
  const alg = ALGORITHMS[options.algorithm ?? 'sha256'];
  const cert = new X509Certificate(options.certificatePem);
  const sig = new SignedXml({
    privateKey: options.privateKey,
    publicCert: options.certificatePem,
    signatureAlgorithm: alg.signature,
    canonicalizationAlgorithm: C14N,
    getKeyInfoContent: () => keyInfo(cert),
  });
  sig.addReference({
    xpath: '/*',
    isEmptyUri: true,
    transforms: [`${DSIG}enveloped-signature`, EXC_C14N],
    digestAlgorithm: alg.digest,
  });
  sig.computeSignature(text, { location: location(text) });
  return Buffer.from(sig.getSignedXml(), 'utf8');
}
