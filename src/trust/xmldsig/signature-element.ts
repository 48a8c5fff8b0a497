import { TrustReasons } from '../verdict';
import { DSIG_NS } from './algorithms';
import { elementChildren } from './dom';
import { SigRefusal } from './refusal';

/** Which Signature of a document is verified. See {@link XmlDsigOptions.signatureScope}. */
export type SignatureScope = 'single' | 'document-element';

/**
 * Finds THE Signature to verify. Only a `Signature` in the XML-DSig namespace counts: one in no namespace
 * (seen in an edXML sample) is refused as malformed rather than guessed at, because xml-crypto's
 * enveloped-signature transform and wrapping checks only know the namespaced element.
 *
 * Scope `single` (the default): the document holds exactly one Signature, so the gateway never chooses
 * between several. Scope `document-element`: exactly one Signature is a child of the document element (a
 * SAML Response's own signature); Signatures deeper down are content of what it signs and are not checked.
 */
export function findSignature(doc: Document, scope: SignatureScope = 'single'): Element {
  const all = Array.from(doc.getElementsByTagNameNS(DSIG_NS, 'Signature'));
  const signatures =
    scope === 'single' ? all : all.filter((el) => (el.parentNode as Node | null) === doc.documentElement);
  if (signatures.length > 1) {
    throw new SigRefusal(
      TrustReasons.severalSignatures,
      `${signatures.length} XML-DSig Signature elements ${scope === 'single' ? 'in the document' : 'under the root'}; exactly one is accepted`,
    );
  }
  if (signatures.length === 1) return signatures[0];
  if (all.length === 0 && hasForeignSignature(doc.documentElement)) {
    throw new SigRefusal(
      TrustReasons.malformedSignature,
      `a Signature element outside the XML-DSig namespace (${DSIG_NS}) is not accepted`,
    );
  }
  throw new SigRefusal(
    TrustReasons.unsigned,
    all.length === 0
      ? 'the document holds no XML-DSig Signature'
      : 'no XML-DSig Signature under the root element',
  );
}

function hasForeignSignature(root: Element): boolean {
  const stack = [root];
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    if (el.localName === 'Signature') return true;
    stack.push(...elementChildren(el));
  }
  return false;
}
