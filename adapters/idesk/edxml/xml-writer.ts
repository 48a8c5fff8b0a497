/**
 * A small XML writer for the edXML builder: elements, attributes and escaped text, indented like the SDK's
 * samples. Text that XML 1.0 cannot carry (control characters) is refused rather than dropped.
 */
import { EdxmlErrors, edxmlError } from './errors';

/** An element to write. Undefined children are skipped, so optional fields can be written inline. */
export interface XNode {
  tag: string;
  attrs?: Record<string, string>;
  text?: string;
  kids?: (XNode | undefined)[];
}

const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Escapes text for element content or a double-quoted attribute. `\r` is kept as a character reference,
 * since a parser would otherwise turn `\r\n` into `\n` and the text would not read back the same. */
export function escapeXml(value: string, where: string): string {
  if (NOT_XML.test(value)) {
    throw edxmlError(EdxmlErrors.badValue, `${where} holds a character XML cannot carry`, { element: where });
  }
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

/** A leaf element, or undefined when there is no value (absent stays absent). */
export function leaf(tag: string, value: string | number | boolean | undefined): XNode | undefined {
  return value === undefined ? undefined : { tag, text: String(value) };
}

/** A container element, or undefined when `value` is undefined. */
export function group<T>(
  tag: string,
  value: T | undefined,
  kids: (v: T) => (XNode | undefined)[],
): XNode | undefined {
  return value === undefined ? undefined : { tag, kids: kids(value) };
}

/** Serialises one element and its subtree, two spaces per level. */
export function writeNode(node: XNode, depth = 0): string {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v, `${node.tag}@${k}`)}"`)
    .join('');
  if (node.text !== undefined) {
    return `${pad}<${node.tag}${attrs}>${escapeXml(node.text, node.tag)}</${node.tag}>\n`;
  }
  const kids = (node.kids ?? []).filter((k): k is XNode => k !== undefined);
  if (kids.length === 0) return `${pad}<${node.tag}${attrs}/>\n`;
  return `${pad}<${node.tag}${attrs}>\n${kids.map((k) => writeNode(k, depth + 1)).join('')}${pad}</${node.tag}>\n`;
}

/** A whole UTF-8 document with its declaration. */
export function writeDocument(root: XNode): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${writeNode(root)}`, 'utf8');
}
