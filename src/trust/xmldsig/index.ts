/** XML-DSig verification of untrusted documents (hardened xml-crypto). */
export { verifyXmlSignature } from './verify';
export type { XmlDsigOptions, XmlDsigResult } from './types';
export type { SignatureScope } from './signature-element';
export { SIGNATURE_METHODS, DIGEST_METHODS, DSIG_NS, WSU_NS } from './algorithms';
