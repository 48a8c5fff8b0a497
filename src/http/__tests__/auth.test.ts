import { OPERATOR_KEY, VIEWER_KEY, call, startTestServer } from '../__fixtures__/test-server';
import type { TestServer } from '../__fixtures__/test-server';

const dossier = { code: 'H48-250701-0001', status: 'received' };

describe('API key authentication and roles', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  it('refuses a request without a key: 401 LT_AUTH_MISSING_KEY with a challenge', async () => {
    const res = await call(server, 'GET', '/api/v1/dossiers');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('LT_AUTH_MISSING_KEY');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(server.dossiers.count('list')).toBe(0);
  });

  it('refuses an unknown key: 401 LT_AUTH_INVALID_KEY', async () => {
    const res = await call(server, 'GET', '/api/v1/dossiers', { key: `${VIEWER_KEY}x` });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'LT_AUTH_INVALID_KEY', detail: 'the API key is not recognised' });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('accepts the key as Authorization: Bearer', async () => {
    const res = await call(server, 'GET', '/api/v1/dossiers', {
      headers: { Authorization: `Bearer ${VIEWER_KEY}` },
    });
    expect(res.status).toBe(200);
  });

  it('refuses another Authorization scheme', async () => {
    const basic = Buffer.from(`x:${VIEWER_KEY}`).toString('base64');
    const res = await call(server, 'GET', '/api/v1/dossiers', {
      headers: { Authorization: `Basic ${basic}` },
    });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('LT_AUTH_INVALID_KEY');
  });

  it('lets a viewer read but not act: 403 LT_AUTH_FORBIDDEN naming the operator role', async () => {
    expect((await call(server, 'GET', '/api/v1/dead-letters', { key: VIEWER_KEY })).status).toBe(200);
    const res = await call(server, 'POST', '/api/v1/dossiers', { key: VIEWER_KEY, body: dossier });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('LT_AUTH_FORBIDDEN');
    expect(res.body.detail).toContain('operator');
    expect(server.dossiers.count('create')).toBe(0);
  });

  it('lets an operator act, passing the key name as the actor', async () => {
    const res = await call(server, 'POST', '/api/v1/dossiers', { key: OPERATOR_KEY, body: dossier });
    expect(res.status).toBe(201);
    const createCall = server.dossiers.calls.find((c) => c.method === 'create')!;
    expect(createCall.args[1]).toBe('province-ops');
  });

  it('lets an operator read too (operator ranks above viewer)', async () => {
    const res = await call(server, 'GET', `/api/v1/dossiers/${dossier.code}`, { key: OPERATOR_KEY });
    expect(res.status).toBe(200);
  });

  it('keeps public routes public', async () => {
    for (const path of ['/', '/health/live', '/health/ready', '/metrics', '/openapi.json', '/docs']) {
      expect((await call(server, 'GET', path)).status).toBe(200);
    }
  });
});

describe('anonymous role', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      auth: { apiKeys: [{ name: 'ops', key: OPERATOR_KEY, role: 'operator' }], anonymousRole: 'viewer' },
    });
  });
  afterAll(async () => server.close());

  it('lets a request without a key read as viewer', async () => {
    const res = await call(server, 'GET', '/api/v1/dossiers');
    expect(res.status).toBe(200);
  });

  it('asks an anonymous POST for a key (401 with a challenge), since a key would help', async () => {
    const res = await call(server, 'POST', '/api/v1/dead-letters/1/replay');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('LT_AUTH_MISSING_KEY');
    expect(res.body.detail).toMatch(/operator/);
  });

  it('still refuses a wrong key, rather than downgrading it to anonymous', async () => {
    const res = await call(server, 'GET', '/api/v1/dossiers', { key: 'guess' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('LT_AUTH_INVALID_KEY');
  });

  it("passes 'anonymous' as the actor when anonymous is allowed to act", async () => {
    const open = await startTestServer({ auth: { apiKeys: [], anonymousRole: 'operator' } });
    try {
      const res = await call(open, 'POST', '/api/v1/dead-letters/1/replay');
      expect(res.status).toBe(200);
      expect(res.body.resolvedBy).toBe('anonymous');
    } finally {
      await open.close();
    }
  });
});
