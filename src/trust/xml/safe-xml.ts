import { DOMParser } from '@xmldom/xmldom';
import { SaxesParser } from 'saxes';
import { LtError } from '../../errors';
import { TrustReasons } from '../verdict';

/**
 * The one way the gateway reads XML from outside. Two passes, because neither parser alone is safe:
 * saxes (a strict XML 1.0 + namespaces checker) refuses anything not well-formed, any DOCTYPE (so no
 * entity can be declared, expanded or fetched: billion laughs, XXE and SSRF end here), processing
 * instructions with a reserved `xml…` target (xml-stylesheet, xml-model), and nesting or size beyond the
 * limits. Only then does xmldom, which is lenient and would happily keep `&x;` or text before the root,
 * build the DOM that xml-crypto and the edXML reader walk. XInclude, xsi:schemaLocation and XSLT are inert: nothing here
 * resolves a URI.
 */

export interface XmlLimits {
  /** Largest document accepted, in bytes. @defaultValue 64 MiB (edXML packages carry zipped attachments). */
  maxBytes?: number;
  /** Deepest element nesting accepted. @defaultValue 64 */
  maxDepth?: number;
}

export const DEFAULT_XML_LIMITS: Required<XmlLimits> = { maxBytes: 64 * 1024 * 1024, maxDepth: 64 };

/** A byte-order mark is legal before the XML declaration; it is dropped before parsing. */
const BOM = '\uFEFF';

/** Decodes bytes strictly as UTF-8 (a malformed sequence is refused, not replaced). */
function decode(input: Buffer | string): string {
  if (typeof input === 'string') return input.startsWith(BOM) ? input.slice(1) : input;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    return text.startsWith(BOM) ? text.slice(1) : text;
  } catch {
    throw refusal(TrustReasons.xmlMalformed, 'the document is not valid UTF-8');
  }
}

function refusal(code: string, detail: string): LtError {
  return new LtError(code, 'validation', detail);
}

/**
 * Checks that `text` is one well-formed, DOCTYPE-free XML document within the limits. Throws an LtError
 * (kind validation) with a {@link TrustReasons} xml* code that says why.
 */
export function assertSafeXml(text: string, limits: Required<XmlLimits>): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let failure: LtError | undefined;
  let depth = 0;
  const fail = (code: string, detail: string): void => {
    failure ??= refusal(code, detail);
  };
  parser.on('error', (err) => fail(TrustReasons.xmlMalformed, `not well-formed XML: ${err.message}`));
  parser.on('doctype', () =>
    fail(TrustReasons.xmlDoctype, 'a DOCTYPE is not accepted (no DTD, no entity declarations)'),
  );
  // Targets starting with "xml" are reserved (XML 1.0 §2.6) and are the ones that ask a reader to fetch or
  // run something (xml-stylesheet, xml-model): refused. Any other PI is inert data and is kept, as benign
  // documents carry them (defusedxml's simple-ns.xml control must parse).
  parser.on('processinginstruction', (pi) => {
    if (/^xml/i.test(pi.target)) {
      fail(TrustReasons.xmlProcessingInstruction, `processing instruction <?${pi.target}?> is not accepted`);
    }
  });
  parser.on('opentag', () => {
    depth += 1;
    if (depth > limits.maxDepth)
      fail(TrustReasons.xmlTooDeep, `elements nest deeper than ${limits.maxDepth}`);
  });
  parser.on('closetag', () => {
    depth -= 1;
  });
  // Written in slices so that a refusal stops the work early on a large hostile document.
  const slice = 1 << 20;
  try {
    for (let at = 0; at < text.length && failure === undefined; at += slice) {
      parser.write(text.slice(at, at + slice));
    }
    if (failure === undefined) parser.close();
  } catch (err) {
    fail(TrustReasons.xmlMalformed, `not well-formed XML: ${(err as Error).message}`);
  }
  if (failure) throw failure;
}

/**
 * Parses untrusted XML into a DOM after {@link assertSafeXml}. The returned document is xmldom's, the
 * same implementation xml-crypto uses, so nodes can be handed to it.
 */
export function parseSafeXml(input: Buffer | string, limits: XmlLimits = {}): Document {
  return readSafeXml(input, limits).doc;
}

/**
 * The checked text and its DOM from one check: for callers that need both (the XML-DSig verifier hands the
 * text to xml-crypto and walks the DOM itself), so the document is not checked twice.
 */
export function readSafeXml(input: Buffer | string, limits: XmlLimits = {}): { text: string; doc: Document } {
  const text = safeXmlText(input, limits);
  let domError: string | undefined;
  const doc = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (msg: string) => (domError ??= msg),
      fatalError: (msg: string) => (domError ??= msg),
    },
  }).parseFromString(text, 'text/xml');
  if (domError !== undefined || !doc?.documentElement) {
    throw refusal(TrustReasons.xmlMalformed, `not well-formed XML: ${domError ?? 'no root element'}`);
  }
  return { text, doc: doc as unknown as Document };
}

/** Decodes and checks without building a DOM: for callers that hand the text on (xml-crypto parses it). */
export function safeXmlText(input: Buffer | string, limits: XmlLimits = {}): string {
  const effective = { ...DEFAULT_XML_LIMITS, ...limits };
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > effective.maxBytes) {
    throw refusal(
      TrustReasons.xmlTooLarge,
      `the document is ${size} bytes, over the ${effective.maxBytes} limit`,
    );
  }
  const text = decode(input);
  assertSafeXml(text, effective);
  return text;
}
