import { LtError } from '../../errors';
import { TrustReasons as R } from '../verdict';
import { DEFAULT_XML_LIMITS, parseSafeXml, safeXmlText, type XmlLimits } from './safe-xml';

function refusal(input: string | Buffer, limits?: XmlLimits): LtError {
  try {
    parseSafeXml(input, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(LtError);
    expect((err as LtError).kind).toBe('validation');
    return err as LtError;
  }
  throw new Error('expected a refusal');
}
const nested = (depth: number): string => '<a>'.repeat(depth) + '</a>'.repeat(depth);

describe('parseSafeXml: well-formedness', () => {
  it('parses a plain namespaced document into an xmldom Document', () => {
    const doc = parseSafeXml(
      '<?xml version="1.0"?><r xmlns:p="urn:p"><p:a k="v">t &amp; &#233;<![CDATA[<x>]]></p:a></r>',
    );
    const a = doc.documentElement.firstChild as Element;
    expect(a.namespaceURI).toBe('urn:p');
    expect(a.getAttribute('k')).toBe('v');
    expect(a.textContent).toBe('t & é<x>');
  });

  it.each([
    ['an unclosed element', '<r><a></r>'],
    ['two root elements', '<r/><s/>'],
    ['text after the root', '<r/>tail'],
    ['text before the root', 'x<r/>'],
    ['an undeclared entity', '<r>&x;</r>'],
    ['an unbound prefix', '<p:r/>'],
    ['a duplicate attribute', '<r a="1" a="2"/>'],
    ['an unescaped <', '<r>a < b</r>'],
    ['no root at all', ''],
    ['a misplaced XML declaration', '<r/><?xml version="1.0"?>'],
  ])('refuses %s with LT_XML_MALFORMED', (_name, xml) => {
    expect(refusal(xml).code).toBe(R.xmlMalformed);
  });

  it('refuses any DOCTYPE, even one without entities', () => {
    expect(refusal('<!DOCTYPE r><r/>').code).toBe(R.xmlDoctype);
    expect(refusal('<!DOCTYPE r [<!ELEMENT r ANY>]><r/>').code).toBe(R.xmlDoctype);
  });

  it('refuses reserved xml-* processing instructions and keeps other PIs inert', () => {
    expect(refusal('<?xml-stylesheet href="x.xsl"?><r/>').code).toBe(R.xmlProcessingInstruction);
    expect(refusal('<r><?xml-model href="s.rng"?></r>').code).toBe(R.xmlProcessingInstruction);
    const doc = parseSafeXml('<?app data?><r><?app2 more?></r>');
    expect(doc.documentElement.firstChild?.nodeType).toBe(7);
  });
});

describe('parseSafeXml: encoding', () => {
  const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);

  it('accepts and drops a UTF-8 byte-order mark, from bytes or from a string', () => {
    expect(parseSafeXml(Buffer.concat([utf8Bom, Buffer.from('<r>é</r>')])).documentElement.textContent).toBe(
      'é',
    );
    expect(safeXmlText('\uFEFF<r/>')).toBe('<r/>');
    expect(safeXmlText(Buffer.concat([utf8Bom, Buffer.from('<r/>')]))).toBe('<r/>');
  });

  it.each([
    ['a lone continuation byte', Buffer.from([0x3c, 0x72, 0x3e, 0x80, 0x3c, 0x2f, 0x72, 0x3e])],
    ['a truncated sequence', Buffer.from([0x3c, 0x72, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x72, 0x3e])],
    ['an overlong encoding of /', Buffer.from([0x3c, 0x72, 0x3e, 0xc0, 0xaf, 0x3c, 0x2f, 0x72, 0x3e])],
    [
      'UTF-16 with its byte-order mark',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<r/>', 'utf16le')]),
    ],
  ])('refuses invalid UTF-8: %s', (_name, bytes) => {
    expect(refusal(bytes).code).toBe(R.xmlMalformed);
  });

  it('refuses an XML 1.0 forbidden control character', () => {
    expect(refusal('<r>\u0001</r>').code).toBe(R.xmlMalformed);
  });
});

describe('parseSafeXml: limits', () => {
  it('refuses nesting deeper than maxDepth, and accepts exactly maxDepth', () => {
    expect(parseSafeXml(nested(3), { maxDepth: 3 }).documentElement.nodeName).toBe('a');
    expect(refusal(nested(4), { maxDepth: 3 }).code).toBe(R.xmlTooDeep);
    expect(refusal(nested(DEFAULT_XML_LIMITS.maxDepth + 1)).code).toBe(R.xmlTooDeep);
  });

  it('refuses a document over maxBytes, counted in bytes not characters', () => {
    const xml = '<r>éé</r>'; // 11 bytes, 9 characters
    expect(parseSafeXml(xml, { maxBytes: 11 }).documentElement.textContent).toBe('éé');
    expect(refusal(xml, { maxBytes: 10 }).code).toBe(R.xmlTooLarge);
    expect(refusal(Buffer.from(xml), { maxBytes: 10 }).code).toBe(R.xmlTooLarge);
  });

  it('refuses a large hostile document early, in bounded time', () => {
    const big = '<r>' + '<a>x</a>'.repeat(300_000) + '<b></r>';
    const started = Date.now();
    expect(refusal(big).code).toBe(R.xmlMalformed);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
