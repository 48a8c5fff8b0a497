import { OPERATOR_KEY, VIEWER_KEY, call, startTestServer } from '../__fixtures__/test-server';
import type { TestServer } from '../__fixtures__/test-server';

describe('access log', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => server.close());

  const accessLines = () => server.logs().filter((l) => l.msg === 'request');

  it('writes one info line per request with method, path, status, ms and reqId', async () => {
    await call(server, 'GET', '/health/live', { headers: { 'X-Request-Id': 'trace-1' } });
    await call(server, 'GET', '/missing', { headers: { 'X-Request-Id': 'trace-2' } });
    const lines = accessLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 30,
      method: 'GET',
      path: '/health/live',
      status: 200,
      reqId: 'trace-1',
    });
    expect(lines[1]).toMatchObject({ path: '/missing', status: 404, reqId: 'trace-2' });
    expect(typeof lines[0].ms).toBe('number');
  });

  it('never logs API keys, bodies, query strings or headers', async () => {
    const secretBody = {
      code: 'H48-LOG-1',
      applicant: { fullName: 'Nguyễn Văn Bí Mật', identityNumber: '001099012345', phone: '0912345678' },
    };
    await call(server, 'POST', '/api/v1/dossiers?token=query-secret-value', {
      key: OPERATOR_KEY,
      body: secretBody,
      headers: { 'Idempotency-Key': 'idem-secret-key', 'User-Agent': 'agent-secret-value' },
    });
    await call(server, 'GET', '/api/v1/dossiers?agency=agency-secret-value', {
      headers: { Authorization: `Bearer ${VIEWER_KEY}` },
    });
    await call(server, 'GET', '/api/v1/dossiers', { key: 'wrong-key-secret-value' });
    await call(server, 'POST', '/api/v1/dossiers', {
      key: OPERATOR_KEY,
      body: '{"cccd": "079099001234", broken',
    });

    const raw = server.rawLogs();
    expect(accessLines()).toHaveLength(4);
    for (const secret of [
      OPERATOR_KEY,
      VIEWER_KEY,
      'wrong-key-secret-value',
      'query-secret-value',
      'agency-secret-value',
      'idem-secret-key',
      'agent-secret-value',
      'Bí Mật',
      '001099012345',
      '0912345678',
      '079099001234',
    ]) {
      expect([secret, raw.includes(secret)]).toEqual([secret, false]);
    }
    expect(accessLines().map((l) => l.path)).toEqual([
      '/api/v1/dossiers',
      '/api/v1/dossiers',
      '/api/v1/dossiers',
      '/api/v1/dossiers',
    ]);
    expect(accessLines().map((l) => l.status)).toEqual([201, 200, 401, 400]);
  });
});
