import type { InboundRoute } from '../../adapter/contract';
import type { PushedRequest } from '../../adapter/batch';
import { LtError } from '../../errors';
import { OPERATOR_KEY, VIEWER_KEY, call, startTestServer } from '../__fixtures__/test-server';
import type { TestServer } from '../__fixtures__/test-server';

/** An adapter route that records what it was handed and answers what the test sets. */
class RecordingRoute implements InboundRoute {
  readonly path = '/dossiers';
  readonly received: PushedRequest[] = [];
  answer: { status: number; body: unknown } | LtError = { status: 207, body: { accepted: 1, refused: 1 } };
  async handle(request: PushedRequest): Promise<{ status: number; body: unknown }> {
    this.received.push(request);
    if (this.answer instanceof LtError) throw this.answer;
    return this.answer;
  }
}

describe('/inbound routes', () => {
  let server: TestServer;
  let route: RecordingRoute;

  beforeAll(async () => {
    route = new RecordingRoute();
    server = await startTestServer({ inbound: [{ system: 'igate', route }] });
  });
  afterAll(async () => server.close());
  afterEach(() => {
    route.received.splice(0);
    route.answer = { status: 207, body: { accepted: 1, refused: 1 } };
  });

  const push = (opts: Parameters<typeof call>[3]) => call(server, 'POST', '/inbound/igate/dossiers', opts);

  it('refuses a request without a key with 401 LT_AUTH_MISSING_KEY', async () => {
    const res = await push({ body: { id: 'x', code: 'A' } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('LT_AUTH_MISSING_KEY');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(route.received).toHaveLength(0);
  });

  it('refuses an unknown key with 401 LT_AUTH_INVALID_KEY', async () => {
    const res = await push({ key: 'not-a-key', body: { id: 'x', code: 'A' } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('LT_AUTH_INVALID_KEY');
    expect(route.received).toHaveLength(0);
  });

  it('refuses a viewer key with 403: a push changes dossiers everywhere', async () => {
    const res = await push({ key: VIEWER_KEY, body: { id: 'x', code: 'A' } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('LT_AUTH_FORBIDDEN');
    expect(res.body.requiredRole).toBe('operator');
    expect(route.received).toHaveLength(0);
  });

  it('hands an operator’s push to the route, with the raw bytes, and answers what the route answers', async () => {
    const raw = '{ "id": "69a4f2a4d84661c8e451c464",\n  "code": "A", "ten": "Nguyễn Văn A" }';
    const res = await push({
      key: OPERATOR_KEY,
      body: raw,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(res.status).toBe(207);
    expect(res.body).toEqual({ accepted: 1, refused: 1 });
    expect(route.received).toHaveLength(1);
    const got = route.received[0];
    expect(got.body).toEqual({ id: '69a4f2a4d84661c8e451c464', code: 'A', ten: 'Nguyễn Văn A' });
    expect(got.raw.equals(Buffer.from(raw, 'utf8'))).toBe(true);
    expect(got.contentType).toBe('application/json; charset=utf-8');
  });

  it('accepts the key as a Bearer token too', async () => {
    const res = await push({ body: [{ code: 'A' }], headers: { Authorization: `Bearer ${OPERATOR_KEY}` } });
    expect(res.status).toBe(207);
  });

  it('answers a refusal thrown by the route with its status and { code, detail }', async () => {
    route.answer = new LtError(
      'LT_INBOUND_BATCH_SIZE',
      'validation',
      'send 1 to 500 records per request, got 0',
    );
    const res = await push({ key: OPERATOR_KEY, body: [] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'LT_INBOUND_BATCH_SIZE',
      detail: 'send 1 to 500 records per request, got 0',
    });
  });

  it('refuses a body that is not valid JSON with 400 before the route sees it', async () => {
    const res = await push({ key: OPERATOR_KEY, body: '{"id": "x", "code": ' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LT_HTTP_INVALID_JSON');
    expect(route.received).toHaveLength(0);
  });

  it('refuses an empty body with 400 LT_HTTP_INVALID_BODY', async () => {
    const res = await push({ key: OPERATOR_KEY, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LT_HTTP_INVALID_BODY');
    expect(route.received).toHaveLength(0);
  });

  it('refuses a body in another media type with 415, as the API does', async () => {
    const res = await push({ key: OPERATOR_KEY, body: 'id=x', headers: { 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('LT_HTTP_UNSUPPORTED_MEDIA_TYPE');
    expect(route.received).toHaveLength(0);
  });

  it('checks the key before reading the body', async () => {
    const res = await push({ body: '{"broken' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('LT_AUTH_MISSING_KEY');
  });

  it('answers 404 for a system or path no adapter mounted', async () => {
    expect(
      (await call(server, 'POST', '/inbound/dvcqg/dossiers', { key: OPERATOR_KEY, body: {} })).status,
    ).toBe(404);
    expect((await call(server, 'POST', '/inbound/igate/other', { key: OPERATOR_KEY, body: {} })).status).toBe(
      404,
    );
  });
});

describe('/inbound without adapters', () => {
  it('is not mounted when no adapter has a pushed route', async () => {
    const server = await startTestServer();
    try {
      const res = await call(server, 'POST', '/inbound/igate/dossiers', { key: OPERATOR_KEY, body: {} });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('LT_HTTP_NOT_FOUND');
    } finally {
      await server.close();
    }
  });
});
