import { LtError } from '../../errors';
import { OPERATOR_KEY, VIEWER_KEY, call, startTestServer } from '../__fixtures__/test-server';
import type { TestServer } from '../__fixtures__/test-server';

describe('dossier routes', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
    server.dossiers.dossiers.set('H48-250701-0001', { code: 'H48-250701-0001', status: 'received' });
  });
  afterEach(async () => server.close());

  const lastFilter = () => server.dossiers.calls.filter((c) => c.method === 'list').at(-1)!.args[0];

  describe('GET /api/v1/dossiers', () => {
    it('lists with the default limit and no other filters', async () => {
      const res = await call(server, 'GET', '/api/v1/dossiers', { key: VIEWER_KEY });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: [
          { code: 'H48-250701-0001', status: 'received', version: 1, updatedAt: '2025-07-01T01:00:00.000Z' },
        ],
      });
      expect(lastFilter()).toEqual({ limit: 50 });
    });

    it('passes every filter on, dates normalised to UTC, and returns nextCursor', async () => {
      server.dossiers.nextCursor = 'c2';
      const q = new URLSearchParams({
        code: 'H48-250701-0001',
        agency: '000.00.53.H48',
        status: 'received',
        receivedFrom: '2025-07-01',
        receivedTo: '2025-07-01',
        updatedFrom: '2025-07-01T08:00:00+07:00',
        updatedTo: '2025-07-02T00:00:00Z',
        limit: '500',
        cursor: 'c1',
      });
      const res = await call(server, 'GET', `/api/v1/dossiers?${q}`, { key: VIEWER_KEY });
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBe('c2');
      expect(lastFilter()).toEqual({
        code: 'H48-250701-0001',
        agency: '000.00.53.H48',
        status: 'received',
        // A plain date is the whole day in Vietnam time.
        receivedFrom: '2025-06-30T17:00:00.000Z',
        receivedTo: '2025-07-01T16:59:59.999Z',
        updatedFrom: '2025-07-01T01:00:00.000Z',
        updatedTo: '2025-07-02T00:00:00.000Z',
        limit: 500,
        cursor: 'c1',
      });
    });

    it.each([
      ['receivedFrom=yesterday', 'receivedFrom'],
      ['updatedTo=2025-02-30', 'updatedTo'],
      ['receivedTo=2025-07-01T10:00:00', 'receivedTo'],
      ['status=done', 'status'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['statuss=received', 'statuss'],
      ['code=a&code=b', 'code'],
      ['receivedFrom=2025-07-02&receivedTo=2025-07-01', 'receivedFrom'],
    ])('refuses %s with 400 LT_HTTP_INVALID_QUERY naming %s', async (query, param) => {
      const res = await call(server, 'GET', `/api/v1/dossiers?${query}`, { key: VIEWER_KEY });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('LT_HTTP_INVALID_QUERY');
      expect(res.body.detail).toContain(`'${param}'`);
      expect(res.body.parameter).toBe(param);
      expect(server.dossiers.count('list')).toBe(0);
    });
  });

  describe('GET /api/v1/dossiers/:code', () => {
    it('answers the timeline as the service gives it', async () => {
      const res = await call(server, 'GET', '/api/v1/dossiers/H48-250701-0001', { key: VIEWER_KEY });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        dossier: { code: 'H48-250701-0001', status: 'received' },
        events: [{ id: 'ev-1', type: 'vn.lienthong.dossier.created' }],
        inbound: [],
        outbound: [],
        deliveries: [],
      });
    });

    it("maps the service's LT_DOSSIER_NOT_FOUND to 404", async () => {
      const res = await call(server, 'GET', '/api/v1/dossiers/NOPE-1', { key: VIEWER_KEY });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ code: 'LT_DOSSIER_NOT_FOUND', detail: 'dossier NOPE-1 not found' });
    });

    it('decodes the code from the path', async () => {
      await call(server, 'GET', '/api/v1/dossiers/000.00.53.H48%2F1', { key: VIEWER_KEY });
      expect(server.dossiers.calls.at(-1)!.args[0]).toBe('000.00.53.H48/1');
    });
  });

  describe('POST /api/v1/dossiers', () => {
    it('creates: 201 { dossier, eventId } only', async () => {
      const res = await call(server, 'POST', '/api/v1/dossiers', {
        key: OPERATOR_KEY,
        body: { code: 'H48-250701-0002', status: 'received' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ dossier: { code: 'H48-250701-0002', status: 'received' }, eventId: 'ev-1' });
      expect(server.dossiers.calls[0].args).toEqual([
        { code: 'H48-250701-0002', status: 'received' },
        'province-ops',
        undefined,
      ]);
    });

    it("passes the service's validation and conflict errors through", async () => {
      const invalid = await call(server, 'POST', '/api/v1/dossiers', {
        key: OPERATOR_KEY,
        body: { status: 'x' },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.code).toBe('LT_MODEL_INVALID_DOSSIER');
      const dup = await call(server, 'POST', '/api/v1/dossiers', {
        key: OPERATOR_KEY,
        body: { code: 'H48-250701-0001' },
      });
      expect(dup.status).toBe(409);
      expect(dup.body).toEqual({
        code: 'LT_DOSSIER_EXISTS',
        detail: 'dossier H48-250701-0001 already exists',
      });
    });

    it.each([['[1,2]'], ['']])(
      'refuses a body that is not an object (%j) with 400 LT_HTTP_INVALID_BODY',
      async (b) => {
        const res = await call(server, 'POST', '/api/v1/dossiers', {
          key: OPERATOR_KEY,
          body: b,
          headers: { 'Content-Type': 'application/json' },
        });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('LT_HTTP_INVALID_BODY');
        expect(server.dossiers.count('create')).toBe(0);
      },
    );
  });

  describe('POST /api/v1/dossiers/:code/transitions', () => {
    it('moves the dossier: 200 { dossier, eventId }', async () => {
      const body = {
        to: 'processing',
        at: '2025-07-01T09:00:00+07:00',
        note: 'phân công xử lý',
        actor: { name: 'Trần Thị B', title: 'Chuyên viên' },
      };
      const res = await call(server, 'POST', '/api/v1/dossiers/H48-250701-0001/transitions', {
        key: OPERATOR_KEY,
        body,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        dossier: { code: 'H48-250701-0001', status: 'processing' },
        eventId: 'ev-1',
      });
      expect(server.dossiers.calls[0].args).toEqual(['H48-250701-0001', body, 'province-ops', undefined]);
    });

    it.each([
      [{}, "must have required property 'to'"],
      [{ to: 'finished' }, 'field to must be one of registered'],
      [{ to: 'processing', at: 'tomorrow' }, 'must match format "date-time" at /at'],
      [{ to: 'processing', note: 42 }, 'must be string at /note'],
      [{ to: 'processing', actor: 'Trần Thị B' }, 'must be object at /actor'],
    ])('refuses %j with 400 LT_HTTP_INVALID_BODY', async (body, detail) => {
      const res = await call(server, 'POST', '/api/v1/dossiers/H48-250701-0001/transitions', {
        key: OPERATOR_KEY,
        body,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('LT_HTTP_INVALID_BODY');
      expect(res.body.detail).toContain(detail);
      expect(server.dossiers.count('transition')).toBe(0);
    });

    it("passes the service's LT_MODEL_INVALID_TRANSITION through", async () => {
      const res = await call(server, 'POST', '/api/v1/dossiers/H48-250701-0001/transitions', {
        key: OPERATOR_KEY,
        body: { to: 'received' },
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('LT_MODEL_INVALID_TRANSITION');
    });
  });

  describe('POST /api/v1/dossiers/:code/transfers', () => {
    it('records a transfer through the service: 200 { dossier, eventId }', async () => {
      const body = { to: { id: '000.00.00.H48', name: 'UBND tỉnh Quảng Ngãi' }, reason: 'thẩm định' };
      const res = await call(server, 'POST', '/api/v1/dossiers/H48-250701-0001/transfers', {
        key: OPERATOR_KEY,
        body,
      });
      expect(res.status).toBe(200);
      expect(res.body.dossier.transfers).toEqual([{ ...body, status: 'sent' }]);
      expect(server.dossiers.calls[0]).toEqual({
        method: 'requestTransfer',
        args: ['H48-250701-0001', body, 'province-ops', undefined],
      });
    });

    it.each([
      [{}, "must have required property 'to'"],
      [{ to: { id: 'not an id' } }, 'must match pattern'],
      [{ to: { id: '000.00.00.H48' }, documentIds: [1] }, 'must be string'],
      [{ to: { id: '000.00.00.H48' }, via: 'fax' }, 'via'],
    ])('refuses %j with 400 LT_HTTP_INVALID_BODY', async (body, detail) => {
      const res = await call(server, 'POST', '/api/v1/dossiers/H48-250701-0001/transfers', {
        key: OPERATOR_KEY,
        body,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('LT_HTTP_INVALID_BODY');
      expect(res.body.detail).toContain(detail);
      expect(server.dossiers.count('requestTransfer')).toBe(0);
    });

    it('is an operator action', async () => {
      const res = await call(server, 'POST', '/api/v1/dossiers/H48-250701-0001/transfers', {
        key: VIEWER_KEY,
        body: { to: { id: '000.00.00.H48' } },
      });
      expect(res.status).toBe(403);
    });
  });

  describe('failures the service did not classify', () => {
    it('answers 500 LT_INTERNAL with a generic detail and logs the real error with the request id', async () => {
      server.dossiers.failNext = new Error('relation "dossiers" does not exist at pg/lib/client.js:123');
      const res = await call(server, 'GET', '/api/v1/dossiers', {
        key: VIEWER_KEY,
        headers: { 'X-Request-Id': 'req-500' },
      });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ code: 'LT_INTERNAL', detail: 'internal error (request id req-500)' });
      expect(res.text).not.toContain('relation');
      const line = server.logs().find((l) => l.msg === 'request failed');
      expect(line).toMatchObject({ reqId: 'req-500', level: 50 });
      expect(JSON.stringify(line)).toContain('relation \\"dossiers\\" does not exist');
    });

    it("hides the detail of an LtError of kind 'internal' too", async () => {
      server.dossiers.failNext = new LtError(
        'LT_STORE_FAILED',
        'internal',
        'password authentication failed for "lt"',
      );
      const res = await call(server, 'GET', '/api/v1/dossiers', { key: VIEWER_KEY });
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('LT_INTERNAL');
      expect(res.text).not.toContain('password');
    });

    it('passes an unavailable dependency through as 503 with Retry-After', async () => {
      server.dossiers.failNext = new LtError('LT_STORE_UNAVAILABLE', 'unavailable', 'database unavailable', {
        retryAfterMs: 2500,
      });
      const res = await call(server, 'GET', '/api/v1/dossiers', { key: VIEWER_KEY });
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ code: 'LT_STORE_UNAVAILABLE', detail: 'database unavailable' });
      expect(res.headers.get('retry-after')).toBe('3');
    });
  });
});
