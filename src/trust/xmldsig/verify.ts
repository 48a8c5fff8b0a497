import { isLtError } from '../../errors';
import { readSafeXml } from '../xml/safe-xml';
import { TrustReasons, type Algorithms, type TrustReason } from '../verdict';
import { ENVELOPED, canonicalization, digestMethod, signatureMethod, transform } from './algorithms';
import { describeAlgorithms } from './describe';
import { base64Text, oneDsigChild } from './dom';
import { runXmlCrypto } from './engine';
import { checkReferencedIds, uniqueIds } from './ids';
import { readKeyInfoCertificates } from './key-info';
import { candidateKeys } from './keys';
import { SigRefusal } from './refusal';
import { findSignature } from './signature-element';
import { readSignedInfo } from './signed-info';
import type { XmlDsigOptions, XmlDsigResult } from './types';

const TRUST_REASONS: ReadonlySet<string> = new Set(Object.values(TrustReasons));

/**
 * Verifies the one enveloped or enveloping XML-DSig Signature of an untrusted document. The document is
 * first read by parseSafeXml (no DOCTYPE, no entities, limits), then the Signature is read strictly
 * (exactly one, in the XML-DSig namespace; one SignedInfo; same-document References whose IDs are unique;
 * allow-listed algorithms), and only then does xml-crypto digest the references and check the
 * SignatureValue, with keys the caller trusts. Never throws for bad input: every refusal is an `ok: false`
 * with a {@link TrustReasons} code. On success, work with `signedReferences` (what the signature covers),
 * never with the raw document.
 */
export function verifyXmlSignature(xml: Buffer | string, options: XmlDsigOptions = {}): XmlDsigResult {
  const state: { certificates: Buffer[]; algorithms?: Algorithms } = { certificates: [] };
  try {
    return verify(xml, options, state);
  } catch (err) {
    if (err instanceof SigRefusal) return refused(err.reason, err.message, state);
    if (isLtError(err) && TRUST_REASONS.has(err.code)) {
      return refused(err.code as TrustReason, err.message, state);
    }
    throw err;
  }
}

function refused(
  reason: TrustReason,
  detail: string,
  state: { certificates: Buffer[]; algorithms?: Algorithms },
): XmlDsigResult {
  const base = { ok: false as const, reason, detail, keyInfoCertificates: state.certificates };
  return state.algorithms ? { ...base, algorithms: state.algorithms } : base;
}

function verify(
  xml: Buffer | string,
  options: XmlDsigOptions,
  state: { certificates: Buffer[]; algorithms?: Algorithms },
): XmlDsigResult {
  const allowSha1 = options.allowSha1 === true;
  const wssecurity = options.idMode === 'wssecurity';
  const { text, doc } = readSafeXml(xml, options.limits);
  const ids = uniqueIds(doc);
  const signature = findSignature(doc, options.signatureScope);
  state.certificates = readKeyInfoCertificates(signature);
  const signedInfo = readSignedInfo(signature);
  state.algorithms = describeAlgorithms(signedInfo);
  canonicalization(signedInfo.canonicalization);
  const method = signatureMethod(signedInfo.signatureMethod, allowSha1, (options.hmacKeys ?? []).length > 0);
  const digests = signedInfo.references.map((ref) => digestMethod(ref.digestMethod, allowSha1));
  signedInfo.references.forEach((ref) => ref.transforms.forEach(transform));
  const signatureValue = base64Text(oneDsigChild(signature, 'SignatureValue'));
  const referenced = signedInfo.references.flatMap((ref) => (ref.id === undefined ? [] : [ref.id]));
  checkReferencedIds(ids, referenced, wssecurity);
  const candidates = candidateKeys(method, state.certificates, options);
  const outcome = runXmlCrypto(
    { text, signature, signedInfo, method, candidates, allowSha1, wssecurity },
    signatureValue,
  );
  return {
    ok: true,
    algorithms: state.algorithms,
    sha1Used: method.sha1 || digests.some((d) => d.sha1),
    keySource: outcome.key.source,
    keyInfoCertificates: state.certificates,
    signedReferences: outcome.signedReferences,
    enveloped: signedInfo.references.some((ref) => ref.transforms.includes(ENVELOPED)),
  };
}
