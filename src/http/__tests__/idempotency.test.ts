import { createHash } from 'node:crypto';
import { OPERATOR_KEY, call, startTestServer } from '../__fixtures__/test-server';
import type { TestServer } from '../__fixtures__/test-server';

describe('Idempotency-Key on mutating dossier routes', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => server.close());

  const create = (body: string, key?: string) =>
    call(server, 'POST', '/api/v1/dossiers', {
      key: OPERATOR_KEY,
      body,
      headers: key === undefined ? {} : { 'Idempotency-Key': key },
    });

  it('replays the first answer for the same key and body, without applying the change again', async () => {
    const body = '{"code":"H48-1","status":"received"}';
    const first = await create(body, 'k-1');
    const second = await create(body, 'k-1');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(server.dossiers.applied('create')).toBe(1);
  });

  it('hands the key to the service with scope = method + path and the sha256 of the raw body', async () => {
    const body = '{"code":"H48-2", "status":"received"}';
    await create(body, 'k-2');
    const options = server.dossiers.calls[0].args[2];
    expect(options).toEqual({
      idempotency: {
        scope: 'POST /api/v1/dossiers',
        key: 'k-2',
        // sha256 of exactly the bytes sent, whitespace included
        requestSha256: createHash('sha256').update(body).digest('hex'),
      },
    });
  });

  it('refuses the same key with another body: 409 LT_HTTP_IDEMPOTENCY_MISMATCH', async () => {
    await create('{"code":"H48-3"}', 'k-3');
    const res = await create('{"code":"H48-4"}', 'k-3');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('LT_HTTP_IDEMPOTENCY_MISMATCH');
    expect(server.dossiers.applied('create')).toBe(1);
  });

  it('does not store refusals: the request may be retried with the same key', async () => {
    server.dossiers.dossiers.set('H48-5', { code: 'H48-5', status: 'received' });
    const path = '/api/v1/dossiers/H48-5/transitions';
    const send = () =>
      call(server, 'POST', path, {
        key: OPERATOR_KEY,
        body: { to: 'received' },
        headers: { 'Idempotency-Key': 'k-5' },
      });
    expect((await send()).status).toBe(409);
    expect((await send()).status).toBe(409);
    expect(server.dossiers.count('transition')).toBe(2);
    expect(server.dossiers.keys.size).toBe(0);
  });

  it('scopes keys by concrete path, so one key used for two dossiers acts on both', async () => {
    for (const code of ['H48-6', 'H48-7']) server.dossiers.dossiers.set(code, { code, status: 'received' });
    for (const code of ['H48-6', 'H48-7']) {
      const res = await call(server, 'POST', `/api/v1/dossiers/${code}/transitions`, {
        key: OPERATOR_KEY,
        body: { to: 'processing' },
        headers: { 'Idempotency-Key': 'same' },
      });
      expect(res.status).toBe(200);
      expect(res.body.dossier.code).toBe(code);
    }
    expect(server.dossiers.count('transition')).toBe(2);
  });

  it('marks a replay the service reports (key recorded in its own transaction)', async () => {
    server.dossiers.replayNext = true;
    const res = await create('{"code":"H48-8"}', 'k-8');
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect(res.body).toEqual({ dossier: { code: 'H48-8' }, eventId: 'ev-1' });
  });

  it('works without a key, storing nothing', async () => {
    expect((await create('{"code":"H48-9"}')).status).toBe(201);
    expect(server.dossiers.keys.size).toBe(0);
    expect(server.dossiers.calls[0].args[2]).toBeUndefined();
  });

  it.each([['has space'], ['x'.repeat(256)], ['caf\u00e9']])(
    'refuses a malformed key %j with 400',
    async (key) => {
      const res = await call(server, 'POST', '/api/v1/dossiers', {
        key: OPERATOR_KEY,
        body: '{"code":"H48-10"}',
        headers: { 'Idempotency-Key': key },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('LT_HTTP_INVALID_IDEMPOTENCY_KEY');
      expect(server.dossiers.count('create')).toBe(0);
    },
  );
});
