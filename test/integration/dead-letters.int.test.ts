import { OPERATOR_KEY } from './support/gateway-process';
import { dossierCode, newDossier } from './support/driver';
import { startScenario } from './support/scenario';
import type { Scenario } from './support/scenario';
import { waitFor } from './support/services';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field below
type Json = any;

async function api(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': OPERATOR_KEY },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('(c) permanent rejections', () => {
  let s: Scenario;
  const run = 'C' + Date.now().toString().slice(-5);
  const rejected = dossierCode(1, run);
  const fine = dossierCode(2, run);

  beforeAll(async () => {
    s = await startScenario({
      processes: 1,
      concurrency: 4,
      faults: { rejectSubjects: [rejected], seed: 1 },
    });
  });
  afterAll(async () => {
    await s.close();
  });

  it('dead-letters a 422 at once, holds back the later events of that dossier only, and replay delivers all in order', async () => {
    const gw = s.gateways[0].url;
    for (const code of [rejected, fine]) {
      expect((await api(gw, 'POST', '/api/v1/dossiers', newDossier(code))).status).toBe(201);
      for (const to of ['received', 'processing']) {
        expect((await api(gw, 'POST', `/api/v1/dossiers/${code}/transitions`, { to })).status).toBe(200);
      }
    }
    // The other dossier never waits for the failing one.
    await waitFor('the healthy dossier delivered', () =>
      s.receiver.state.byDossier(fine).length === 3 ? true : undefined,
    );
    const dead = await waitFor('a dead letter', async () => {
      const r = await api(gw, 'GET', '/api/v1/dead-letters?state=open');
      return r.json.items.length === 1 ? r.json.items[0] : undefined;
    });
    expect(dead).toMatchObject({
      dossierCode: rejected,
      target: 'webhook',
      attempts: 1,
      errorCode: 'LT_WEBHOOK_REJECTED',
    });
    const timeline = (await api(gw, 'GET', `/api/v1/dossiers/${rejected}`)).json;
    expect(timeline.deliveries.map((d: { state: string }) => d.state)).toEqual([
      'dead',
      'pending',
      'pending',
    ]);
    expect(timeline.deliveries[0].attempts).toHaveLength(1);
    expect(timeline.deliveries[0].attempts[0]).toMatchObject({ outcome: 'permanent', httpStatus: 422 });
    expect(s.receiver.state.byDossier(rejected)).toEqual([]);

    s.receiver.setFaults({});
    const replay = await api(gw, 'POST', `/api/v1/dead-letters/${dead.id}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.json.state).toBe('replayed');
    await waitFor('the replayed dossier delivered', () =>
      s.receiver.state.byDossier(rejected).length === 3 ? true : undefined,
    );
    const seqs = s.receiver.state.received.filter((r) => r.dossier === rejected).map((r) => r.seq);
    expect(seqs).toEqual([1, 2, 3]);
    const again = await api(gw, 'POST', `/api/v1/dead-letters/${dead.id}/replay`);
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('LT_DEAD_LETTER_RESOLVED');
  });

  it('bulk discard gives a dead message up and lets the next one go', async () => {
    const gw = s.gateways[0].url;
    const code = dossierCode(3, run);
    s.receiver.setFaults({ rejectSubjects: [code] });
    expect((await api(gw, 'POST', '/api/v1/dossiers', newDossier(code))).status).toBe(201);
    await waitFor('a dead letter', async () => {
      const r = await api(gw, 'GET', `/api/v1/dead-letters?dossierCode=${code}`);
      return r.json.items.length === 1 ? true : undefined;
    });
    s.receiver.setFaults({});
    expect((await api(gw, 'POST', `/api/v1/dossiers/${code}/transitions`, { to: 'received' })).status).toBe(
      200,
    );
    const bulk = await api(gw, 'POST', '/api/v1/dead-letters/discard', { dossierCode: code });
    expect(bulk.json).toEqual({ count: 1 });
    await waitFor('the next message delivered', () =>
      s.receiver.state.byDossier(code).length === 1 ? true : undefined,
    );
    expect(s.receiver.state.received.filter((r) => r.dossier === code).map((r) => r.seq)).toEqual([2]);
  });
});
