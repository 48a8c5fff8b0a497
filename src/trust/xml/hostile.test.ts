import fs from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { vectorDir } from '../../../test/vectors';
import { TrustReasons as R } from '../verdict';
import { verifyXmlSignature } from '../xmldsig';
import { parseSafeXml } from './safe-xml';

/**
 * hostile-xml/MANIFEST.md: defusedxml's xmltestdata and RUB-NDS DTD-Attacks. Every input is classified
 * below by path (a file that fits no rule fails the coverage test rather than being skipped):
 * - reject: refused by parseSafeXml with an xml* reason code;
 * - inert: XInclude, xsi:schemaLocation, XSLT, xs:import: parsed as plain data, nothing resolved;
 * - benign: the controls simple.xml and simple-ns.xml, which must parse;
 * - target: what an attack would read or fetch (.txt, .dtd, .xsd of the SSRF cases, the XInclude source);
 *   never parsed as input, used as sentinels instead;
 * - doc: MANIFEST.md and licences.
 * Every input, benign ones included, is refused by verifyXmlSignature: none holds a valid signature.
 */
type Kind = 'reject' | 'inert' | 'benign' | 'target' | 'doc';

const root = vectorDir('hostile-xml');
const XML_CODES = [R.xmlMalformed, R.xmlDoctype, R.xmlTooLarge, R.xmlTooDeep, R.xmlProcessingInstruction];

function classify(file: string): Kind | undefined {
  const base = path.basename(file);
  if (base === 'MANIFEST.md' || base.startsWith('LICENSE')) return 'doc';
  if (/\.(txt|dtd)$/.test(base) || base === 'xinclude_source.xml' || /^ssrf\/.*\.xsd$/.test(sub(file))) {
    return 'target';
  }
  if (base === 'simple.xml' || base === 'simple-ns.xml') return 'benign';
  if (
    /(schemalocation|xinclude)\.xml$/i.test(base) ||
    /^xslt\//.test(sub(file)) ||
    base === 'schema-include.xsd'
  ) {
    return 'inert';
  }
  if (/\.xml$/.test(base)) return 'reject';
  return undefined;
}
const sub = (file: string): string => file.split('/').slice(1).join('/');

function walk(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(path.join(dir, entry.name), rel) : [rel];
  });
}

const files = walk(root).sort();
const inputs = new Map(files.map((f) => [f, fs.readFileSync(path.join(root, f))] as const));
const ofKind = (kind: Kind): string[] => files.filter((f) => classify(f) === kind);
/** What an attack that worked would put in the output: the text of the local files the payloads point at. */
const sentinels = [
  ...new Set(
    ofKind('target')
      .filter((f) => f.endsWith('.txt'))
      .map((f) => inputs.get(f)?.toString('utf8').trim() ?? ''),
  ),
].filter((text) => text.length > 0);

const fileReads = [
  'readFileSync',
  'readFile',
  'openSync',
  'open',
  'createReadStream',
  'readSync',
  'existsSync',
  'statSync',
] as const;

/** Runs `action` with every file-read entry point of node:fs and every outgoing HTTP request watched. */
function guarded<T>(action: () => T): T {
  const spies = fileReads.map((name) => jest.spyOn(fs, name as never));
  try {
    return action();
  } finally {
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  }
}

function outcome(file: string): { code?: string; text: string } {
  const bytes = inputs.get(file) as Buffer;
  try {
    const doc = guarded(() => parseSafeXml(bytes));
    return { text: String(doc) };
  } catch (err) {
    const e = err as { code?: string; message: string };
    return { code: e.code, text: e.message };
  }
}

let requests = 0;
const counts = { reject: 0, inert: 0, benign: 0, verifier: 0 };

beforeEach(() => {
  // The unit setup lets loopback through for in-process servers; these payloads aim at 127.0.0.1:5000.
  nock.disableNetConnect();
  for (const host of [
    'http://127.0.0.1:5000',
    'http://www.w3schools.com',
    'http://www.w3.org',
    'https://example.invalid',
  ]) {
    nock(host)
      .persist()
      .get(/.*/)
      .reply(200, 'it_works')
      .on('request', () => (requests += 1));
  }
  nock.emitter.on('no match', () => (requests += 1));
});

afterEach(() => {
  expect(requests).toBe(0);
  nock.emitter.removeAllListeners('no match');
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});

afterAll(() => {
  console.log(
    `hostile-xml: ${counts.reject} of ${ofKind('reject').length} rejected, ${counts.inert} of ${ofKind('inert').length} inert, ` +
      `${counts.benign} of ${ofKind('benign').length} benign parsed; verifyXmlSignature refused ${counts.verifier} of ${files.filter((f) => ['reject', 'inert', 'benign'].includes(classify(f) ?? '')).length}`,
  );
});

describe('hostile XML (defusedxml, RUB-NDS DTD-Attacks)', () => {
  it('classifies every file of the folder', () => {
    expect(files.filter((f) => classify(f) === undefined)).toEqual([]);
    expect(ofKind('reject').length).toBeGreaterThanOrEqual(35);
    expect(ofKind('benign')).toEqual(['defusedxml/simple-ns.xml', 'defusedxml/simple.xml']);
    expect(sentinels).toContain('it_works');
  });

  it.each(ofKind('reject'))('refuses %s with an xml* reason code', (file) => {
    const result = outcome(file);
    expect(XML_CODES).toContain(result.code);
    for (const sentinel of sentinels) expect(result.text).not.toContain(sentinel);
    counts.reject += 1;
  });

  it.each(ofKind('inert'))('reads %s as inert data, resolving nothing', (file) => {
    const result = outcome(file);
    if (result.code === undefined) {
      const ownText = inputs.get(file)?.toString('utf8') ?? '';
      for (const sentinel of sentinels)
        if (!ownText.includes(sentinel)) expect(result.text).not.toContain(sentinel);
    } else {
      expect(XML_CODES).toContain(result.code);
    }
    counts.inert += 1;
  });

  it.each([
    'rub-nds-dtd-attacks/xinclude/xinclude.xml',
    'rub-nds-dtd-attacks/ssrf/url_invocation_xinclude.xml',
  ])('leaves the xi:include of %s in place, unresolved', (file) => {
    const doc = parseSafeXml(inputs.get(file) as Buffer);
    const includes = doc.getElementsByTagNameNS('http://www.w3.org/2001/XInclude', 'include');
    expect(includes).toHaveLength(1);
    expect(includes[0].getAttribute('href')).toMatch(/xinclude_source\.xml|127\.0\.0\.1:5000/);
    expect(doc.documentElement.textContent).toBe('');
  });

  it('keeps xsi:schemaLocation as a plain attribute', () => {
    const doc = parseSafeXml(
      inputs.get('rub-nds-dtd-attacks/ssrf/url_invocation_schemaLocation.xml') as Buffer,
    );
    expect(doc.documentElement.textContent).toBe('4');
  });

  it.each(ofKind('benign'))('parses the benign control %s', (file) => {
    const result = outcome(file);
    expect(result.code).toBeUndefined();
    expect(result.text).toContain('<element key="value">text</element>');
    counts.benign += 1;
  });

  it('refuses dos_entitySize.xml (1 MB) quickly, by DOCTYPE and by size limit', () => {
    const bytes = inputs.get('rub-nds-dtd-attacks/dos/dos_entitySize.xml') as Buffer;
    expect(bytes.length).toBeGreaterThan(1_000_000);
    const started = Date.now();
    expect(() => parseSafeXml(bytes)).toThrow(expect.objectContaining({ code: R.xmlDoctype }));
    expect(() => parseSafeXml(bytes, { maxBytes: 512 * 1024 })).toThrow(
      expect.objectContaining({ code: R.xmlTooLarge }),
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it.each(files.filter((f) => ['reject', 'inert', 'benign'].includes(classify(f) ?? '')))(
    'verifyXmlSignature refuses %s',
    (file) => {
      const result = guarded(() => verifyXmlSignature(inputs.get(file) as Buffer, { allowSha1: true }));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const expected = classify(file) === 'reject' ? XML_CODES : [...XML_CODES, R.unsigned];
      expect(expected).toContain(result.reason);
      counts.verifier += 1;
    },
  );
});
