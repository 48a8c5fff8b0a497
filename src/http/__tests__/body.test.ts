import { OPERATOR_KEY, call, startTestServer } from '../__fixtures__/test-server';
import type { TestServer } from '../__fixtures__/test-server';

describe('JSON body handling', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(); // bodyLimit: 2kb
  });
  afterAll(async () => server.close());
  afterEach(() => server.dossiers.calls.splice(0));

  const post = (body: string, headers: Record<string, string> = {}) =>
    call(server, 'POST', '/api/v1/dossiers', {
      key: OPERATOR_KEY,
      body,
      headers: { 'Content-Type': 'application/json', ...headers },
    });

  it('refuses a body over the limit with 413 LT_HTTP_BODY_TOO_LARGE naming the limit', async () => {
    const res = await post(JSON.stringify({ code: 'X', pad: 'x'.repeat(3000) }));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('LT_HTTP_BODY_TOO_LARGE');
    expect(res.body.detail).toBe('request body exceeds the limit of 2kb (2048 bytes)');
    expect(server.dossiers.count('create')).toBe(0);
  });

  it('accepts a body just under the limit', async () => {
    const res = await post(JSON.stringify({ code: 'X', pad: 'x'.repeat(1900) }));
    expect(res.status).toBe(201);
  });

  it('refuses malformed JSON with 400 LT_HTTP_INVALID_JSON without echoing the body', async () => {
    const res = await post('{"code": "X", "cccd": 001099012345');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LT_HTTP_INVALID_JSON');
    expect(res.body.detail).toMatch(/^request body is not valid JSON/);
    expect(res.text).not.toContain('001099012345');
  });

  it('refuses a top-level scalar (strict JSON bodies)', async () => {
    const res = await post('"just a string"');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LT_HTTP_INVALID_JSON');
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['application/xml']])(
    'refuses a %s body with 415 LT_HTTP_UNSUPPORTED_MEDIA_TYPE',
    async (type) => {
      const res = await post('code=X', { 'Content-Type': type });
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('LT_HTTP_UNSUPPORTED_MEDIA_TYPE');
      expect(server.dossiers.count('create')).toBe(0);
    },
  );

  it('refuses an unsupported charset with 415', async () => {
    const res = await post('{"code":"X"}', { 'Content-Type': 'application/json; charset=latin1' });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('LT_HTTP_UNSUPPORTED_MEDIA_TYPE');
  });

  it('accepts application/json with charset and +json types', async () => {
    expect((await post('{"code":"A1"}', { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(
      201,
    );
    expect((await post('{"code":"A2"}', { 'Content-Type': 'application/merge-patch+json' })).status).toBe(
      201,
    );
  });

  it('refuses a __proto__ key with 400 LT_HTTP_FORBIDDEN_KEY pointing at it', async () => {
    const res = await post('{"code":"X","applicant":{"__proto__":{"isAdmin":true}}}');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'LT_HTTP_FORBIDDEN_KEY',
      detail: 'request body contains a forbidden key at /applicant/__proto__',
      pointer: '/applicant/__proto__',
    });
  });

  it('refuses nesting deeper than 64 levels with 400 LT_HTTP_JSON_TOO_DEEP', async () => {
    const res = await post(`${'['.repeat(100)}${']'.repeat(100)}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LT_HTTP_JSON_TOO_DEEP');
  });

  it('every error body is exactly { code, detail } plus structured extras, as JSON', async () => {
    const res = await post('{');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(res.body).sort()).toEqual(['code', 'detail']);
  });
});
