import { TrustReasons } from '../verdict';
import { EXC_C14N, EXC_C14N_NS } from './algorithms';
import { algorithmOf, base64Text, dsigChildren, elementChildren, oneDsigChild, onlyChildren } from './dom';
import { SigRefusal } from './refusal';

/** One Reference as written, before any policy is applied. */
export interface RawReference {
  /** The URI attribute: `""` (whole document) or `#id`. */
  uri: string;
  /** The ID a `#id` URI names; undefined for `""`. */
  id?: string;
  transforms: string[];
  digestMethod: string;
  /** Base64, whitespace removed, read from text nodes only. */
  digestValue: string;
}

/** SignedInfo as written: algorithm URIs are checked against the allow-lists by the caller. */
export interface RawSignedInfo {
  canonicalization: string;
  signatureMethod: string;
  references: RawReference[];
}

/** More references than any real message carries is a denial-of-service shape (each one is canonicalised). */
const MAX_REFERENCES = 100;

/**
 * The xsd:ID grammar (an NCName). Refusing anything else keeps quotes, brackets and other XPath syntax out of
 * the lookups xml-crypto builds from the URI (`//*[@Id='…']`): the id_with_quotes injection.
 */
const NCNAME = /^[\p{L}_][\p{L}\p{M}\p{N}_.\-\u00B7\u203F\u2040]*$/u;

const malformed = (detail: string): SigRefusal => new SigRefusal(TrustReasons.malformedSignature, detail);

/** Reads and structurally checks the single SignedInfo of `signature`. */
export function readSignedInfo(signature: Element): RawSignedInfo {
  const all = elementChildren(signature).filter((el) => el.localName === 'SignedInfo');
  if (all.length === 0) throw malformed('the Signature has no SignedInfo');
  if (all.length > 1) {
    throw new SigRefusal(
      TrustReasons.severalSignedInfo,
      `the Signature holds ${all.length} SignedInfo elements`,
    );
  }
  const signedInfo = oneDsigChild(signature, 'SignedInfo');
  onlyChildren(signedInfo, ['CanonicalizationMethod', 'SignatureMethod', 'Reference']);
  const c14n = oneDsigChild(signedInfo, 'CanonicalizationMethod');
  // xml-crypto ignores an InclusiveNamespaces list on SignedInfo's own c14n: harmless (a list that mattered
  // would only make the signature fail), so it is allowed where exc-c14n allows it, and nothing else is.
  onlyInclusiveNamespaces(c14n);
  const method = oneDsigChild(signedInfo, 'SignatureMethod');
  // HMACOutputLength would allow a truncated MAC (CVE-2009-0217); nothing else belongs here either.
  onlyChildren(method, []);
  const references = dsigChildren(signedInfo, 'Reference');
  if (references.length === 0) throw malformed('SignedInfo holds no Reference');
  if (references.length > MAX_REFERENCES) throw malformed(`more than ${MAX_REFERENCES} References`);
  return {
    canonicalization: algorithmOf(c14n),
    signatureMethod: algorithmOf(method),
    references: references.map(readReference),
  };
}

function readReference(reference: Element): RawReference {
  onlyChildren(reference, ['Transforms', 'DigestMethod', 'DigestValue']);
  const transformsEl = dsigChildren(reference, 'Transforms');
  if (transformsEl.length > 1) throw malformed('a Reference holds several Transforms');
  const transforms = transformsEl.length === 1 ? readTransforms(transformsEl[0]) : [];
  return {
    ...readUri(reference),
    transforms,
    digestMethod: algorithmOf(oneDsigChild(reference, 'DigestMethod')),
    digestValue: base64Text(oneDsigChild(reference, 'DigestValue')),
  };
}

/** Same-document references only: an external URI would make the verifier a fetcher (SSRF, file read). */
function readUri(reference: Element): { uri: string; id?: string } {
  if (!reference.hasAttribute('URI')) throw malformed('a Reference without a URI attribute is not accepted');
  const uri = reference.getAttribute('URI') ?? '';
  if (uri === '') return { uri };
  if (!uri.startsWith('#')) {
    throw malformed(
      `Reference URI '${uri}' is not same-document ("" or #id); external references are refused`,
    );
  }
  const id = uri.slice(1);
  if (!NCNAME.test(id)) throw malformed(`Reference URI '${uri}' does not name a valid XML ID`);
  return { uri, id };
}

function readTransforms(transformsEl: Element): string[] {
  onlyChildren(transformsEl, ['Transform']);
  const transforms = dsigChildren(transformsEl, 'Transform');
  if (transforms.length === 0) throw malformed('an empty Transforms element');
  return transforms.map((el) => {
    onlyInclusiveNamespaces(el);
    return algorithmOf(el);
  });
}

/** An exc-c14n method or transform may carry one InclusiveNamespaces; no other child is accepted. */
function onlyInclusiveNamespaces(el: Element): void {
  const algorithm = algorithmOf(el);
  const children = elementChildren(el);
  for (const child of children) {
    const inclusive =
      algorithm === EXC_C14N &&
      child.localName === 'InclusiveNamespaces' &&
      child.namespaceURI === EXC_C14N_NS;
    if (!inclusive || children.length > 1) {
      throw malformed(`<${child.nodeName}> is not accepted inside <${el.localName}>`);
    }
  }
}
