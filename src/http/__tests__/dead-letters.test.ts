import { OPERATOR_KEY, VIEWER_KEY, call, startTestServer } from '../__fixtures__/test-server';
import type { TestServer } from '../__fixtures__/test-server';

describe('dead-letter routes', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => server.close());

  it('lists open dead letters by default', async () => {
    const res = await call(server, 'GET', '/api/v1/dead-letters', { key: VIEWER_KEY });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: number }) => i.id)).toEqual([1, 2]);
    expect(server.deadLetters.calls[0].args[0]).toEqual({ state: 'open', limit: 50 });
  });

  it('passes state, target, dossierCode and limit on', async () => {
    const res = await call(
      server,
      'GET',
      '/api/v1/dead-letters?state=discarded&target=dvcqg&dossierCode=D-1&limit=5',
      {
        key: VIEWER_KEY,
      },
    );
    expect(res.body.items.map((i: { id: number }) => i.id)).toEqual([3]);
    expect(server.deadLetters.calls[0].args[0]).toEqual({
      state: 'discarded',
      target: 'dvcqg',
      dossierCode: 'D-1',
      limit: 5,
    });
  });

  it.each([
    ['state=closed', 'state'],
    ['limit=1000', 'limit'],
    ['page=2', 'page'],
  ])('refuses %s with 400 LT_HTTP_INVALID_QUERY', async (query, param) => {
    const res = await call(server, 'GET', `/api/v1/dead-letters?${query}`, { key: VIEWER_KEY });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LT_HTTP_INVALID_QUERY');
    expect(res.body.parameter).toBe(param);
  });

  it('replays one dead letter and answers its view', async () => {
    const res = await call(server, 'POST', '/api/v1/dead-letters/1/replay', { key: OPERATOR_KEY });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 1, state: 'replayed', resolvedBy: 'province-ops' });
    expect(server.deadLetters.calls[0]).toEqual({ method: 'replay', args: [1, 'province-ops'] });
  });

  it('discards one dead letter', async () => {
    const res = await call(server, 'POST', '/api/v1/dead-letters/2/discard', { key: OPERATOR_KEY });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 2, state: 'discarded' });
  });

  it("passes the service's not-found and conflict errors through", async () => {
    expect((await call(server, 'POST', '/api/v1/dead-letters/99/replay', { key: OPERATOR_KEY })).status).toBe(
      404,
    );
    const res = await call(server, 'POST', '/api/v1/dead-letters/3/replay', { key: OPERATOR_KEY });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('LT_DEAD_LETTER_RESOLVED');
  });

  it.each([['0'], ['-1'], ['1.5'], ['abc'], ['99999999999999999999']])(
    'refuses id %s with 400 LT_HTTP_INVALID_PARAM',
    async (id) => {
      const res = await call(server, 'POST', `/api/v1/dead-letters/${id}/discard`, { key: OPERATOR_KEY });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('LT_HTTP_INVALID_PARAM');
      expect(server.deadLetters.calls).toHaveLength(0);
    },
  );

  it('replays in bulk by target and answers the count', async () => {
    const res = await call(server, 'POST', '/api/v1/dead-letters/replay', {
      key: OPERATOR_KEY,
      body: { target: 'dvcqg' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 1 });
    expect(server.deadLetters.calls[0]).toEqual({
      method: 'replayMany',
      args: [{ target: 'dvcqg' }, 'province-ops'],
    });
  });

  it('discards in bulk by ids', async () => {
    const res = await call(server, 'POST', '/api/v1/dead-letters/discard', {
      key: OPERATOR_KEY,
      body: { ids: [1, 2, 3] },
    });
    expect(res.body).toEqual({ count: 2 });
  });

  it.each([
    [{}, 'needs at least one selector'],
    [{ ids: [] }, 'must NOT have fewer than 1 items at /ids'],
    [{ ids: ['1'] }, 'must be integer at /ids/0'],
    [{ target: 'dvcqg', everything: true }, "unknown property 'everything'"],
  ])('refuses the bulk selector %j with 400 LT_HTTP_INVALID_BODY', async (body, detail) => {
    const res = await call(server, 'POST', '/api/v1/dead-letters/replay', { key: OPERATOR_KEY, body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LT_HTTP_INVALID_BODY');
    expect(res.body.detail).toContain(detail);
    expect(server.deadLetters.calls).toHaveLength(0);
  });

  it('refuses a bulk action without a body', async () => {
    const res = await call(server, 'POST', '/api/v1/dead-letters/discard', { key: OPERATOR_KEY });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LT_HTTP_INVALID_BODY');
  });

  it('refuses viewers on every dead-letter action', async () => {
    for (const path of ['/1/replay', '/1/discard', '/replay', '/discard']) {
      const res = await call(server, 'POST', `/api/v1/dead-letters${path}`, {
        key: VIEWER_KEY,
        body: { ids: [1] },
      });
      expect(res.status).toBe(403);
    }
    expect(server.deadLetters.calls).toHaveLength(0);
  });
});
