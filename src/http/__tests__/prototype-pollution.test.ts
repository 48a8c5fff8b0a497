import fs from 'node:fs';
import { vectorDir } from '../../../test/vectors';
import path from 'node:path';
import type { ChangeResponse } from '../deps';
import { assertSafeJson } from '../json-guard';
import { FakeDossiers } from '../__fixtures__/fake-dossiers';
import { OPERATOR_KEY, call, startTestServer } from '../__fixtures__/test-server';
import type { TestServer } from '../__fixtures__/test-server';

// Read in place from the shared vector set (fastify/secure-json-parse payloads, with their expected outcomes).
const DIR = vectorDir('other', 'prototype-pollution-json');
const cases = (
  JSON.parse(fs.readFileSync(path.join(DIR, 'cases.json'), 'utf8')) as Array<{
    file: string;
    expected: string;
  }>
).map((c) => ({ ...c, text: fs.readFileSync(path.join(DIR, c.file), 'utf8') }));
const refused = cases.filter((c) => c.expected.startsWith('REJECT'));
const accepted = cases.filter((c) => c.expected.startsWith('ACCEPT'));

/** Accepts any object, so what reaches the service is exactly what the edge let through. */
class RecordingDossiers extends FakeDossiers {
  override async create(input: unknown): Promise<ChangeResponse> {
    this.calls.push({ method: 'create', args: [input] });
    return { dossier: {}, eventId: 'ev', status: 201 };
  }
}

describe('prototype-pollution vectors (fastify/secure-json-parse) through the edge', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dossiers: new RecordingDossiers() });
  });
  afterAll(async () => server.close());

  it('covers the whole manifest: 19 refused, 5 accepted', () => {
    expect(refused).toHaveLength(19);
    expect(accepted).toHaveLength(5);
  });

  it.each(refused.map((c) => [c.file, c.text]))(
    '%s is refused with 400 LT_HTTP_FORBIDDEN_KEY',
    async (_file, text) => {
      const before = server.dossiers.calls.length;
      const res = await call(server, 'POST', '/api/v1/dossiers', { key: OPERATOR_KEY, body: text });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('LT_HTTP_FORBIDDEN_KEY');
      expect(res.body.pointer).toMatch(/(__proto__|constructor\/prototype)$/);
      expect(server.dossiers.calls.length).toBe(before);
    },
  );

  it.each(accepted.map((c) => [c.file, c.text]))(
    '%s is accepted and reaches the service unchanged',
    async (_file, text) => {
      const res = await call(server, 'POST', '/api/v1/dossiers', { key: OPERATOR_KEY, body: text });
      expect(res.status).toBe(201);
      expect(server.dossiers.calls.at(-1)!.args[0]).toEqual(JSON.parse(text));
    },
  );

  it('leaves Object.prototype untouched', () => {
    const probe: Record<string, unknown> = {};
    expect(probe.x).toBeUndefined();
    expect(probe.bar).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('x');
  });
});

describe('assertSafeJson', () => {
  it.each(refused.map((c) => [c.file, c.text]))('refuses %s when parsed by JSON.parse', (_file, text) => {
    expect(() => assertSafeJson(JSON.parse(text))).toThrow(
      expect.objectContaining({ code: 'LT_HTTP_FORBIDDEN_KEY' }),
    );
  });

  it('accepts the harmless ones and ordinary values', () => {
    for (const c of accepted) expect(() => assertSafeJson(JSON.parse(c.text))).not.toThrow();
    for (const v of [
      null,
      1,
      'x',
      [],
      {},
      [{ a: [{ b: null }] }],
      { prototype: {}, constructors: { prototype: 1 } },
    ]) {
      expect(() => assertSafeJson(v)).not.toThrow();
    }
  });

  it('points at the offending key inside arrays, escaping / and ~ (JSON Pointer)', () => {
    const value = JSON.parse('{"a/b":[{"c~d":{"__proto__":{}}}]}');
    expect(() => assertSafeJson(value)).toThrow(
      expect.objectContaining({ details: { pointer: '/a~1b/0/c~0d/__proto__' } }),
    );
  });

  it('refuses nesting past the limit without recursion, and accepts it at the limit', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(() => assertSafeJson(deep)).toThrow(expect.objectContaining({ code: 'LT_HTTP_JSON_TOO_DEEP' }));
    expect(() => assertSafeJson(JSON.parse(`${'['.repeat(64)}${']'.repeat(64)}`))).not.toThrow();
    expect(() => assertSafeJson(JSON.parse(`${'['.repeat(65)}${']'.repeat(65)}`))).toThrow();
  });
});
