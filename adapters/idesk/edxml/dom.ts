/**
 * Namespace-aware reading of edXML elements. An element counts when it is in the QCVN 102 namespace, whatever
 * its prefix (the samples mix `edXML:` and the default namespace), or in no namespace at all (some builders
 * forget the declaration). Anything else, the xmldsig `Signature` included, is not seen.
 */
import { EDXML_NS } from './types';
import { EdxmlErrors, edxmlError } from './errors';

const ELEMENT_NODE = 1;

/** Whether `node` is an edXML element, optionally of local name `name`. */
export function isEdxmlElement(node: Node, name?: string): node is Element {
  if (node.nodeType !== ELEMENT_NODE) return false;
  const el = node as Element;
  const ns = el.namespaceURI;
  // xmldom leaves namespaceURI null or undefined for an element in no namespace.
  if (ns && ns !== EDXML_NS) return false;
  return name === undefined || el.localName === name;
}

/** The edXML child elements of `parent` named `name`, in document order. */
export function kids(parent: Element | undefined, name: string): Element[] {
  if (!parent) return [];
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (isEdxmlElement(n, name)) out.push(n);
  return out;
}

/** The first edXML child named `name`. */
export function kid(parent: Element | undefined, name: string): Element | undefined {
  return kids(parent, name)[0];
}

/** Trimmed text of the child `name`; undefined when there is no such child. */
export function text(parent: Element | undefined, name: string): string | undefined {
  const el = kid(parent, name);
  return el ? (el.textContent ?? '').trim() : undefined;
}

/** The texts of every `name` child of the child `list` (e.g. `ToPlaces/Place`); undefined without `list`. */
export function texts(parent: Element | undefined, list: string, name: string): string[] | undefined {
  const el = kid(parent, list);
  return el ? kids(el, name).map((k) => (k.textContent ?? '').trim()) : undefined;
}

/** An integer child; an empty element counts as absent, anything else not an integer is refused. */
export function int(parent: Element | undefined, name: string): number | undefined {
  const value = text(parent, name);
  if (value === undefined || value === '') return undefined;
  if (!/^[+-]?\d{1,9}$/.test(value)) {
    throw edxmlError(EdxmlErrors.badValue, `${name} is not an integer: '${value.slice(0, 40)}'`, {
      element: name,
    });
  }
  return Number(value);
}

/** A `true`/`false` child (`1`/`0` tolerated); empty counts as absent. */
export function bool(parent: Element | undefined, name: string): boolean | undefined {
  const value = text(parent, name)?.toLowerCase();
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw edxmlError(EdxmlErrors.badValue, `${name} is not a boolean: '${value.slice(0, 40)}'`, {
    element: name,
  });
}

/** Drops the keys whose value is undefined, so that absent stays absent (and deep equality holds). */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
