import { failing, hanging, passing } from '../__fixtures__/fake-health';
import { call, startTestServer } from '../__fixtures__/test-server';
import type { TestServer } from '../__fixtures__/test-server';
import { Router } from 'express';
import { Counter } from 'prom-client';

describe('public system routes', () => {
  let server: TestServer;
  afterEach(async () => server.close());

  it('GET / points to the docs, the OpenAPI document and readiness', async () => {
    server = await startTestServer();
    const res = await call(server, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'lienthong',
      version: '9.8.7-test',
      docs: '/docs',
      openapi: '/openapi.json',
      ready: '/health/ready',
    });
  });

  it('GET /health/live answers without consulting dependencies', async () => {
    server = await startTestServer({ health: [failing('redis', 'down')] });
    const res = await call(server, 'GET', '/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready is 200 when every check passes', async () => {
    server = await startTestServer({ health: [passing('redis'), passing('database')] });
    const res = await call(server, 'GET', '/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { redis: 'ok', database: 'ok' } });
  });

  it('GET /health/ready is 503 naming the failing check and its reason', async () => {
    server = await startTestServer({
      health: [failing('redis', 'connect ECONNREFUSED'), passing('database')],
    });
    const res = await call(server, 'GET', '/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      code: 'LT_HTTP_NOT_READY',
      detail: 'not ready: redis: connect ECONNREFUSED',
      checks: { redis: 'connect ECONNREFUSED', database: 'ok' },
    });
  });

  it('GET /health/ready times out a hanging check, running checks concurrently', async () => {
    server = await startTestServer(
      { health: [hanging('redis'), hanging('database')] },
      { readyTimeoutMs: 150 },
    );
    const started = Date.now();
    const res = await call(server, 'GET', '/health/ready');
    const elapsed = Date.now() - started;
    expect(res.status).toBe(503);
    expect(res.body.checks).toEqual({ redis: 'timed out after 150 ms', database: 'timed out after 150 ms' });
    // Two sequential timeouts would take at least 300 ms.
    expect(elapsed).toBeLessThan(290);
  });

  it('GET /metrics serves the registry with its content type, without a key', async () => {
    server = await startTestServer();
    new Counter({ name: 'lienthong_test_total', help: 'test counter', registers: [server.deps.metrics] }).inc(
      3,
    );
    const res = await call(server, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(server.deps.metrics.contentType);
    expect(res.text).toContain('lienthong_test_total 3');
  });

  it('sets security headers and hides the framework', async () => {
    server = await startTestServer();
    const res = await call(server, 'GET', '/health/live');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers an unknown route with 404 LT_HTTP_NOT_FOUND naming method and path, not the query', async () => {
    server = await startTestServer();
    const res = await call(server, 'DELETE', '/nowhere/at-all?cccd=001099012345');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'LT_HTTP_NOT_FOUND', detail: 'no route for DELETE /nowhere/at-all' });
  });

  it('mounts sandbox routers under /sandbox without auth', async () => {
    const router = Router();
    router.get('/ping', (_req, res) => {
      res.json({ pong: true });
    });
    server = await startTestServer({ sandboxRouters: [{ path: '/dvcqg', router }] });
    const res = await call(server, 'GET', '/sandbox/dvcqg/ping');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ pong: true });
  });
});

describe('request ids', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  it('echoes a well-formed incoming X-Request-Id', async () => {
    const res = await call(server, 'GET', '/health/live', {
      headers: { 'X-Request-Id': 'igate:abc-123.4_x' },
    });
    expect(res.headers.get('x-request-id')).toBe('igate:abc-123.4_x');
  });

  it('replaces a malformed one with a fresh UUID', async () => {
    const res = await call(server, 'GET', '/health/live', {
      headers: { 'X-Request-Id': 'bad id with spaces' },
    });
    expect(res.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('refuses an overlong one', async () => {
    const res = await call(server, 'GET', '/health/live', { headers: { 'X-Request-Id': 'a'.repeat(129) } });
    expect(res.headers.get('x-request-id')).not.toBe('a'.repeat(129));
  });

  it('generates one when absent, different per request, also on errors', async () => {
    const a = await call(server, 'GET', '/nope');
    const b = await call(server, 'GET', '/nope');
    expect(a.headers.get('x-request-id')).toBeTruthy();
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });
});
