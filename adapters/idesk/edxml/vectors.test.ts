import fs from 'node:fs';
import path from 'node:path';
import { vectorDir } from '../../../test/vectors';
import { buildEdoc, buildStatus } from './build';
import { parseEdxml } from './parse';
import type { ParsedEdxml } from './parse';

const ROOT = vectorDir('edxml');
const SDK_DOC_ID = '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT';

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(full) : [path.relative(ROOT, full)];
  });
}

function parseFile(rel: string): ParsedEdxml {
  return parseEdxml(fs.readFileSync(path.join(ROOT, rel)));
}

function edocOf(rel: string) {
  const got = parseFile(rel);
  if (got.kind !== 'edoc') throw new Error(`${rel} parsed as ${got.kind}`);
  return got;
}

/** Checks one vector against its MANIFEST.md outcome; returns whether the file parses (for the round trip). */
function expectOutcome(rel: string): boolean {
  const name = path.basename(rel);
  if (rel === 'MANIFEST.md') return false;
  if (name.endsWith('.jsonc')) {
    expect(() => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'))).toThrow(SyntaxError);
    return false;
  }
  if (name === 'meta_local.json') {
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')).from.organId).toBe('vxp.saas.03');
    return false;
  }
  if (name === 'edoc_new.edxml') {
    expect(() => parseFile(rel)).toThrow(
      expect.objectContaining({ code: 'LT_XML_MALFORMED', kind: 'validation' }),
    );
    return false;
  }
  const docType = { 'edoc_update.edxml': 2, 'edoc_revocation.edxml': 1, 'edoc_replacement.edxml': 3 }[name];
  if (docType !== undefined) {
    const { edoc } = edocOf(rel);
    expect(edoc.bussiness?.bussinessDocType).toBe(docType);
    expect(edoc.header.documentId).toBe(SDK_DOC_ID);
    expect(edoc.header.to.map((t) => t.organId)).toEqual(['000.00.00.H41', '000.00.00.H14', '000.00.00.G17']);
    expect(edoc.attachments[0].files?.[0].data.length).toBeGreaterThan(0);
    return true;
  }
  if (/^status.*\.edxml$/.test(name)) {
    const got = parseFile(rel);
    if (got.kind !== 'status') throw new Error(`${rel} is not a status`);
    expect(got.status.statusCode).toBe(/_(\d{2})\.edxml$/.exec(name)?.[1] ?? '01');
    expect(got.status.responseFor.documentId).toBe(SDK_DOC_ID);
    expect(got.status.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    return true;
  }
  if (rel.startsWith(path.join('vpcp-sdk-example', 'uploads'))) {
    const { edoc } = edocOf(rel);
    expect(edoc.header.documentId).toBe(name.replace('.edxml', ''));
    expect(edoc.attachments.length).toBeGreaterThanOrEqual(2);
    for (const a of edoc.attachments) {
      expect(a.files).toHaveLength(1);
      expect(a.files![0].data.toString('utf8')).toMatch(/^[\p{L}\p{N} ]+$/u);
    }
    return true;
  }
  if (rel.startsWith(path.join('vpcp-sdk-example', 'xml'))) {
    const { edoc } = edocOf(rel);
    const pdf = edoc.attachments.find((a) => a.name.endsWith('.pdf'));
    const bytes = pdf?.files ? pdf.files[0].data : pdf?.data;
    expect(bytes?.subarray(0, 4).toString('latin1')).toBe('%PDF');
    return true;
  }
  if (name === 'test_user_edxml.xml') {
    const { edoc, warnings } = edocOf(rel);
    expect(edoc.attachments[0].files?.[0].data.toString('utf8')).toBe('Clean test');
    expect(warnings.some((w) => /content type mismatch/.test(w))).toBe(true);
    return true;
  }
  throw new Error(`no expected outcome for ${rel}: add it to this test and to MANIFEST.md`);
}

describe('edXML vectors (shared/vectors/edxml)', () => {
  const files = allFiles(ROOT).filter((f) => f !== 'MANIFEST.md');
  const passed: string[] = [];
  const parsing: string[] = [];

  afterAll(() => {
    console.log(`edxml vectors: ${passed.length} of ${files.length} as expected`);
  });

  it('has the vector set the MANIFEST describes', () => {
    expect(files.length).toBe(25);
  });

  it.each(files)('%s gives its MANIFEST outcome', (rel) => {
    if (expectOutcome(rel)) parsing.push(rel);
    passed.push(rel);
  });

  it('round-trips every sample that parses: parse(build(parse(x))) equals parse(x)', () => {
    expect(parsing.length).toBe(21);
    for (const rel of parsing) {
      const first = parseFile(rel);
      const rebuilt = first.kind === 'edoc' ? buildEdoc(first.edoc) : buildStatus(first.status);
      const second = parseEdxml(rebuilt);
      expect({ rel, ...second }).toEqual({ rel, ...first });
      if (first.kind === 'edoc' && second.kind === 'edoc') {
        first.edoc.attachments.forEach((a, i) =>
          expect(second.edoc.attachments[i].data.equals(a.data)).toBe(true),
        );
      }
    }
  });
});
