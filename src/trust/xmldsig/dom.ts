import { TrustReasons } from '../verdict';
import { DSIG_NS } from './algorithms';
import { SigRefusal } from './refusal';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const COMMENT_NODE = 8;

const malformed = (detail: string): SigRefusal => new SigRefusal(TrustReasons.malformedSignature, detail);

/** The element children of `parent`, in document order. */
export function elementChildren(parent: Element): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE) out.push(node as Element);
  }
  return out;
}

/**
 * The children of `parent` named `localName`, matched by local name in ANY namespace (as xml-crypto matches
 * them), then required to be in the XML-DSig namespace. Counting the way xml-crypto counts is the point: a
 * `<x:SignedInfo>` in a foreign namespace must not be ignored here and read there.
 */
export function dsigChildren(parent: Element, localName: string): Element[] {
  const found = elementChildren(parent).filter((el) => el.localName === localName);
  for (const el of found) {
    if (el.namespaceURI !== DSIG_NS) {
      throw malformed(`<${el.nodeName}> is not in the XML-DSig namespace`);
    }
  }
  return found;
}

/** Exactly one `localName` child in the XML-DSig namespace. */
export function oneDsigChild(parent: Element, localName: string): Element {
  const found = dsigChildren(parent, localName);
  if (found.length !== 1) {
    throw malformed(`<${parent.localName}> must hold exactly one <${localName}>, found ${found.length}`);
  }
  return found[0];
}

/** Refuses any element child of `parent` whose local name is not in `allowed`. */
export function onlyChildren(parent: Element, allowed: readonly string[]): void {
  for (const el of elementChildren(parent)) {
    if (!allowed.includes(el.localName)) {
      throw malformed(`<${el.nodeName}> is not allowed inside <${parent.localName}>`);
    }
  }
}

/** The Algorithm attribute, which the spec makes mandatory on every *Method and Transform element. */
export function algorithmOf(el: Element): string {
  const value = el.getAttribute('Algorithm');
  if (!value) throw malformed(`<${el.localName}> has no Algorithm attribute`);
  return value;
}

/**
 * The character data of `el` from its text and CDATA nodes only: comments do not count (an attacker's
 * `<DigestValue><!--good-->bad</DigestValue>` must be read as `bad`) and an element inside is refused.
 */
export function textOnly(el: Element): string {
  let text = '';
  for (let node = el.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) text += node.nodeValue ?? '';
    else if (node.nodeType !== COMMENT_NODE) throw malformed(`<${el.localName}> must hold text only`);
  }
  return text;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Base64 text with whitespace removed, refused unless it is canonical base64 and not empty. */
export function base64Text(el: Element): string {
  const value = textOnly(el).replace(/\s+/g, '');
  if (value.length === 0 || !BASE64.test(value)) throw malformed(`<${el.localName}> is not base64`);
  return value;
}
