import { TrustReasons } from '../verdict';
import { SigRefusal } from './refusal';

/** The XML-DSig 1.0 namespace: the only one in which a Signature and its parts are recognised. */
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
/** WS-Security utility namespace, whose `wsu:Id` names signed parts in SOAP messages. */
export const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
/** exc-C14N namespace of the `InclusiveNamespaces` element. */
export const EXC_C14N_NS = 'http://www.w3.org/2001/10/xml-exc-c14n#';

export type SignatureFamily = 'rsa' | 'rsa-pss' | 'hmac';

export interface SignatureMethodSpec {
  /** Short name reported in {@link Algorithms}. */
  name: string;
  family: SignatureFamily;
  /** node:crypto digest name. */
  hash: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  sha1: boolean;
}

/**
 * The SignatureMethods accepted. Anything else (DSA, ECDSA, MD5, the WithComments family of c14n, XPath or
 * XSLT transforms) is refused before any work is done: a short allow-list is the verifier's attack surface.
 */
export const SIGNATURE_METHODS: Readonly<Record<string, SignatureMethodSpec>> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { name: 'rsa-sha1', family: 'rsa', hash: 'sha1', sha1: true },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': {
    name: 'rsa-sha256',
    family: 'rsa',
    hash: 'sha256',
    sha1: false,
  },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': {
    name: 'rsa-sha384',
    family: 'rsa',
    hash: 'sha384',
    sha1: false,
  },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': {
    name: 'rsa-sha512',
    family: 'rsa',
    hash: 'sha512',
    sha1: false,
  },
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1': {
    name: 'rsa-pss-sha256',
    family: 'rsa-pss',
    hash: 'sha256',
    sha1: false,
  },
  'http://www.w3.org/2000/09/xmldsig#hmac-sha1': {
    name: 'hmac-sha1',
    family: 'hmac',
    hash: 'sha1',
    sha1: true,
  },
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256': {
    name: 'hmac-sha256',
    family: 'hmac',
    hash: 'sha256',
    sha1: false,
  },
};

export interface DigestMethodSpec {
  name: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  sha1: boolean;
}

export const DIGEST_METHODS: Readonly<Record<string, DigestMethodSpec>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': { name: 'sha1', sha1: true },
  'http://www.w3.org/2001/04/xmlenc#sha256': { name: 'sha256', sha1: false },
  'http://www.w3.org/2001/04/xmldsig-more#sha384': { name: 'sha384', sha1: false },
  'http://www.w3.org/2001/04/xmlenc#sha512': { name: 'sha512', sha1: false },
};

export const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** Canonicalisations accepted for SignedInfo; the WithComments variants are refused (comment injection). */
export const CANONICALIZATIONS: Readonly<Record<string, string>> = { [C14N]: 'c14n', [EXC_C14N]: 'exc-c14n' };

/** Reference transforms accepted: the two canonicalisations and enveloped-signature, nothing that runs code. */
export const TRANSFORMS: Readonly<Record<string, string>> = {
  ...CANONICALIZATIONS,
  [ENVELOPED]: 'enveloped-signature',
};

const forbidden = (what: string, uri: string): SigRefusal =>
  new SigRefusal(TrustReasons.algorithmForbidden, `${what} '${uri}' is not accepted`);

/** Looks a SignatureMethod up in the allow-list, applying the SHA-1 and HMAC policies of the call. */
export function signatureMethod(uri: string, allowSha1: boolean, hmacAllowed: boolean): SignatureMethodSpec {
  const spec = SIGNATURE_METHODS[uri];
  if (spec === undefined) throw forbidden('signature method', uri);
  if (spec.sha1 && !allowSha1) throw forbidden('SHA-1 signature method (legacy signatures not allowed)', uri);
  if (spec.family === 'hmac' && !hmacAllowed) {
    throw forbidden('HMAC signature method (no HMAC secret configured for this call)', uri);
  }
  return spec;
}

/** Looks a DigestMethod up in the allow-list, applying the SHA-1 policy of the call. */
export function digestMethod(uri: string, allowSha1: boolean): DigestMethodSpec {
  const spec = DIGEST_METHODS[uri];
  if (spec === undefined) throw forbidden('digest method', uri);
  if (spec.sha1 && !allowSha1) throw forbidden('SHA-1 digest (legacy signatures not allowed)', uri);
  return spec;
}

/** Short name of an accepted canonicalisation, or a refusal. */
export function canonicalization(uri: string): string {
  const name = CANONICALIZATIONS[uri];
  if (name === undefined) throw forbidden('canonicalization method', uri);
  return name;
}

/** Short name of an accepted Reference transform, or a refusal. */
export function transform(uri: string): string {
  const name = TRANSFORMS[uri];
  if (name === undefined) throw forbidden('transform', uri);
  return name;
}
