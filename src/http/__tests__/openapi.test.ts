import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApi } from '../openapi';
import { loadDossierSchema } from '../spec/dossier-schema';
import { OPERATOR_KEY, call, startTestServer } from '../__fixtures__/test-server';
import type { Json, TestServer } from '../__fixtures__/test-server';

/** Every `$ref` in the document with the nearest enclosing `$id` (JSON Schema resolves `#/...` against it). */
function refs(
  node: unknown,
  base = '',
  out: Array<{ ref: string; base: string; scope: unknown }> = [],
  scope?: unknown,
) {
  if (node === null || typeof node !== 'object') return out;
  const obj = node as Record<string, unknown>;
  const id = typeof obj.$id === 'string' ? obj.$id : undefined;
  const here = id ?? base;
  const hereScope = id ? node : scope;
  if (typeof obj.$ref === 'string') out.push({ ref: obj.$ref, base: here, scope: hereScope });
  for (const v of Object.values(obj)) refs(v, here, out, hereScope);
  return out;
}

function resolvePointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const raw of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(part in (node as object))) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const OPERATIONS = [
  ['get', '/'],
  ['get', '/health/live'],
  ['get', '/health/ready'],
  ['get', '/metrics'],
  ['get', '/openapi.json'],
  ['get', '/docs'],
  ['get', '/api/v1/dossiers'],
  ['post', '/api/v1/dossiers'],
  ['get', '/api/v1/dossiers/{code}'],
  ['post', '/api/v1/dossiers/{code}/transitions'],
  ['post', '/api/v1/dossiers/{code}/transfers'],
  ['get', '/api/v1/dead-letters'],
  ['post', '/api/v1/dead-letters/{id}/replay'],
  ['post', '/api/v1/dead-letters/{id}/discard'],
  ['post', '/api/v1/dead-letters/replay'],
  ['post', '/api/v1/dead-letters/discard'],
] as const;

describe('GET /openapi.json', () => {
  let server: TestServer;
  let doc: Json;
  beforeAll(async () => {
    server = await startTestServer();
    const res = await call(server, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = JSON.parse(res.text);
  });
  afterAll(async () => server.close());

  it('is OpenAPI 3.1.0 with info and the gateway version', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBe('9.8.7-test');
  });

  it('describes exactly the routes the edge serves, each with responses and an operationId', () => {
    const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item as object).map((m) => `${m} ${p}`),
    );
    expect(documented.sort()).toEqual(OPERATIONS.map(([m, p]) => `${m} ${p}`).sort());
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(item as Record<string, Json>)) {
        expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
        expect(`${m} ${p} ${op.operationId}`).toMatch(/ \w+$/);
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        for (const param of (p.match(/\{(\w+)\}/g) ?? []).map((s) => s.slice(1, -1))) {
          const declared = op.parameters.map((x: Json) => (x.$ref ? resolvePointer(doc, x.$ref) : x));
          expect(declared.some((x: Json) => x.in === 'path' && x.name === param && x.required === true)).toBe(
            true,
          );
        }
      }
    }
  });

  it('resolves every $ref: #/components ones in the document, schema-local ones in their $id scope', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(20);
    for (const { ref, base, scope } of all) {
      if (ref.startsWith('#/components/')) {
        expect([ref, resolvePointer(doc, ref)]).not.toEqual([ref, undefined]);
      } else if (ref.startsWith('#') && base) {
        expect([ref, resolvePointer(scope, ref)]).not.toEqual([ref, undefined]);
      } else {
        throw new Error(`unexpected reference ${ref}`);
      }
    }
  });

  it('declares both API key forms and marks which operations need them', () => {
    expect(doc.components.securitySchemes.ApiKeyHeader).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
    );
    expect(doc.components.securitySchemes.BearerAuth).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    expect(doc.paths['/health/ready'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/dossiers'].post['x-required-role']).toBe('operator');
    expect(doc.paths['/api/v1/dossiers'].get['x-required-role']).toBe('viewer');
  });

  it('uses the { code, detail } Error schema for every error response', () => {
    for (const item of Object.values(doc.paths) as Json[]) {
      for (const op of Object.values(item) as Json[]) {
        for (const [status, response] of Object.entries(op.responses) as Array<[string, Json]>) {
          if (Number(status) < 400) continue;
          const r = response.$ref ? resolvePointer(doc, response.$ref) : response;
          const schema = (r as Json).content['application/json'].schema;
          const resolved = schema.$ref ? resolvePointer(doc, schema.$ref) : schema;
          expect((resolved as Json).required).toEqual(expect.arrayContaining(['code', 'detail']));
        }
      }
    }
    expect(doc.components.schemas.Error.required).toEqual(['code', 'detail']);
  });

  it('has component schemas that compile as strict JSON Schema 2020-12', () => {
    const schemas = doc.components.schemas as Record<string, Json>;
    const idOf = (name: string) => schemas[name].$id ?? `https://lienthong.test/components/${name}`;
    // Component references become absolute ids, so each schema compiles on its own.
    const rewrite = (text: string) =>
      text.replace(/"#\/components\/schemas\/([^"]+)"/g, (_m, name: string) => JSON.stringify(idOf(name)));
    const ajv = new Ajv2020({ strict: true, allowMatchingProperties: true });
    addFormats(ajv);
    for (const name of Object.keys(schemas)) {
      ajv.addSchema({ ...JSON.parse(rewrite(JSON.stringify(schemas[name]))), $id: idOf(name) });
    }
    for (const name of Object.keys(schemas)) {
      expect([name, typeof ajv.getSchema(idOf(name))]).toEqual([name, 'function']);
    }
  });

  it('documents the statuses the edge validates against', () => {
    expect(doc.components.schemas.TransitionRequest.properties.to.enum).toContain('supplement_requested');
  });

  it('every documented /api/v1 operation is routed (no 404 LT_HTTP_NOT_FOUND)', async () => {
    for (const [method, p] of OPERATIONS) {
      const concrete = p.replace('{code}', 'H48-1').replace('{id}', '1');
      const res = await call(server, method.toUpperCase(), concrete, {
        key: OPERATOR_KEY,
        body: method === 'post' ? {} : undefined,
      });
      expect([concrete, res.body?.code]).not.toEqual([concrete, 'LT_HTTP_NOT_FOUND']);
    }
  });
});

describe('the embedded dossier schema', () => {
  it('is the canonical schema file when it exists', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-mappings-'));
    fs.mkdirSync(path.join(dir, 'canonical'));
    const schema = {
      $id: 'https://lienthong.vn/schemas/canonical/dossier.v1.json',
      type: 'object',
      title: 'test',
    };
    fs.writeFileSync(path.join(dir, 'canonical', 'dossier.v1.schema.json'), JSON.stringify(schema));
    expect(loadDossierSchema(dir)).toEqual(schema);
    const doc = buildOpenApi({ version: '1', dossierSchema: loadDossierSchema(dir) }) as Json;
    expect(doc.components.schemas.Dossier).toEqual(schema);
  });

  it('falls back to a loose object when the file is absent', () => {
    const schema = loadDossierSchema(fs.mkdtempSync(path.join(os.tmpdir(), 'lt-empty-')));
    expect(schema).toMatchObject({ type: 'object', additionalProperties: true });
  });

  it('refuses a present but broken file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-broken-'));
    fs.mkdirSync(path.join(dir, 'canonical'));
    fs.writeFileSync(path.join(dir, 'canonical', 'dossier.v1.schema.json'), '{ not json');
    expect(() => loadDossierSchema(dir)).toThrow(SyntaxError);
  });
});
