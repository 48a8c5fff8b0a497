import { startDvcqgSimulator } from '../../adapters/dvcqg/simulator';
import { generateNationalDossier } from '../../adapters/dvcqg/simulator/generator';
import { generateIgateDossier, startIgateSimulator } from '../../adapters/igate/simulator';
import type { RunningIgateSimulator } from '../../adapters/igate/simulator';
import { mulberry32 } from '../../src/simulator/random';
import { OPERATOR_KEY, spawnGateway, writeConfig } from '../integration/support/gateway-process';
import type { GatewayProcess } from '../integration/support/gateway-process';
import { TEST_REDIS_URL, createTestDatabase, uniqueName, waitFor } from '../integration/support/services';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
type Json = any;

/** iGate's numbers for the canonical statuses (mappings/igate/status.yaml, the `reverse` rows). */
const IGATE = { received: 1, processing: 2, supplement: 3, resolved: 4, returned: 5 } as const;

/**
 * The dossier life cycle over real HTTP: the gateway (its own OS process, real PostgreSQL and Redis)
 * between the iGate and national portal simulators, whose strict checks refuse anything off-spec.
 */
describe('iGate ⇄ gateway ⇄ national portal, end to end', () => {
  let igate: RunningIgateSimulator;
  let dvcqg: Awaited<ReturnType<typeof startDvcqgSimulator>>;
  let gateway: GatewayProcess;
  let db: { url: string; drop(): Promise<void> };
  const rand = mulberry32(20261122);
  let seq = 0;

  const api = async (path: string): Promise<Json> => {
    const res = await fetch(`${gateway.url}${path}`, { headers: { 'X-API-Key': OPERATOR_KEY } });
    return res.status === 200 ? res.json() : undefined;
  };
  const apiStatus = async (path: string): Promise<number> =>
    (await fetch(`${gateway.url}${path}`, { headers: { 'X-API-Key': OPERATOR_KEY } })).status;
  const simState = async (url: string): Promise<Json> => (await fetch(`${url}/_sim/state`)).json();
  const portal = async (code: string): Promise<Json> => {
    const res = await fetch(`${dvcqg.url}/_sim/dossiers/${encodeURIComponent(code)}`);
    return res.status === 200 ? res.json() : undefined;
  };
  /** Progress statuses the portal received, immediate repeats (an at-least-once retry) folded. */
  const progressOf = (record: Json): string[] =>
    (record?.progress ?? [])
      .map((p: Json) => p.TrangThai as string)
      .filter((s: string, i: number, all: string[]) => i === 0 || all[i - 1] !== s);

  const newIgateDossier = (status: number = IGATE.received) => {
    const d = generateIgateDossier(rand, Date.now(), 9000 + ++seq);
    return igate.simulator.upsertDossier({ ...d, dossierStatus: status });
  };
  const gatewayStatus = async (code: string) =>
    (await api(`/api/v1/dossiers/${encodeURIComponent(code)}`))?.dossier?.status;
  const moveOnIgate = async (code: string, status: number, canonical: string) => {
    igate.simulator.updateDossier(code, { dossierStatus: status });
    await waitFor(
      `${code} seen as ${canonical}`,
      async () => ((await gatewayStatus(code)) === canonical ? true : undefined),
      30_000,
      100,
    );
  };

  beforeAll(async () => {
    igate = await startIgateSimulator({ tokenTtlSeconds: 300 });
    dvcqg = await startDvcqgSimulator({ port: 0 });
    db = await createTestDatabase();
    const config = writeConfig({
      auth: { apiKeys: [{ name: 'e2e', key: OPERATOR_KEY, role: 'operator' }] },
      delivery: {
        queuePrefix: uniqueName('lte2e'),
        sweepIntervalMs: 200,
        policy: {
          attempts: 50,
          backoff: { initialMs: 100, maxMs: 1000 },
          circuitBreaker: { failureThreshold: 1000 },
        },
      },
      systems: {
        igate: {
          baseUrl: igate.url,
          clientId: 'lienthong',
          clientSecret: 'sandbox-secret',
          poll: { intervalMs: 150, pageSize: 50 },
        },
        dvcqg: { baseUrl: dvcqg.url, username: 'lienthong', password: 'sandbox-password', dstcode: 'DVCQG' },
      },
    });
    gateway = await spawnGateway({
      LIENTHONG_CONFIG: config,
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    igate?.simulator.close();
    await igate?.close();
    await dvcqg?.close();
    await db?.drop();
  });

  it('syncs a new iGate dossier to the portal with its progress', async () => {
    const d = newIgateDossier();
    const record = await waitFor('portal has the dossier', async () => {
      const r = await portal(d.code);
      return r && r.progress.length > 0 ? r : undefined;
    });
    expect(record.dossier.TrangThaiHoSo).toBe('2');
    expect(record.dossier.MaTTHC).toMatch(/^\d\.\d{6}$/);
    expect(record.dossier.NgayTiepNhan).toMatch(/^\d{14}$/);
    expect(progressOf(record)).toEqual(['2']);
    const view = await api(`/api/v1/dossiers/${encodeURIComponent(d.code)}`);
    expect(view.deliveries.filter((x: Json) => x.target === 'dvcqg').map((x: Json) => x.state)).toEqual([
      'delivered',
    ]);
    // The poller keeps seeing the dossier: nothing new is written or sent while it does not change.
    const answered = (await simState(igate.url)).answers.ok as number;
    await waitFor('two more poll passes', async () =>
      (await simState(igate.url)).answers.ok >= answered + 2 ? true : undefined,
    );
    expect((await portal(d.code)).syncs).toHaveLength(1);
    expect((await api(`/api/v1/dossiers/${encodeURIComponent(d.code)}`)).dossier.version).toBe(1);
  });

  it('carries the status path 2 → 4 → 5 → 4 → 9 → 10 to the portal in order', async () => {
    const d = newIgateDossier();
    await waitFor('received', async () => ((await gatewayStatus(d.code)) === 'received' ? true : undefined));
    await moveOnIgate(d.code, IGATE.processing, 'processing');
    await moveOnIgate(d.code, IGATE.supplement, 'supplement_requested');
    await moveOnIgate(d.code, IGATE.processing, 'processing');
    await moveOnIgate(d.code, IGATE.resolved, 'resolved');
    await moveOnIgate(d.code, IGATE.returned, 'returned');
    const record = await waitFor('portal has status 10', async () => {
      const r = await portal(d.code);
      return r?.dossier.TrangThaiHoSo === '10' && progressOf(r).length === 6 ? r : undefined;
    });
    expect(progressOf(record)).toEqual(['2', '4', '5', '4', '9', '10']);
    expect(
      record.syncs
        .map((s: Json) => s.status)
        .filter((s: string, i: number, a: string[]) => i === 0 || a[i - 1] !== s),
    ).toEqual(['2', '4', '5', '4', '9', '10']);
    expect(record.dossier.NgayTra).toMatch(/^\d{14}$/);
    const view = await api(`/api/v1/dossiers/${encodeURIComponent(d.code)}`);
    expect(view.dossier.supplements).toEqual([expect.objectContaining({ status: 'submitted' })]);
  });

  it('creates a nationally submitted dossier on iGate, with an iGate-allocated code', async () => {
    const national = generateNationalDossier(rand, new Date(), 4242);
    const res = await fetch(`${gateway.url}/inbound/dvcqg/dossiers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': OPERATOR_KEY },
      body: JSON.stringify(national),
    });
    expect(res.status).toBe(201);
    const created = await waitFor('iGate has it', async () => {
      const all: Json[] = await (
        await fetch(`${igate.url}/_sim/dossiers`)
      )
        .json()
        .then((b: Json) => b.items ?? b);
      return all.find((x) => x.nationCode === national.MaHoSo);
    });
    expect(created.code).toMatch(/-\d{6}-\d{4}$/);
    expect(created.code).not.toBe(national.MaHoSo);
    // The poller finds it on iGate and links it to the same canonical dossier (no second dossier).
    await waitFor('linked', async () =>
      (await api(`/api/v1/dossiers/${encodeURIComponent(national.MaHoSo)}`))?.dossier?.externalIds?.igate ===
      created.id
        ? true
        : undefined,
    );
    expect(await apiStatus(`/api/v1/dossiers/${encodeURIComponent(created.code)}`)).toBe(404);
    // A repeated push of the same submission changes nothing.
    const again = await fetch(`${gateway.url}/inbound/dvcqg/dossiers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': OPERATOR_KEY },
      body: JSON.stringify(national),
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Json).outcome).toBe('unchanged');
  });

  it('refuses an off-spec national submission with its reasons and stores nothing', async () => {
    const bad = {
      ...generateNationalDossier(rand, new Date(), 4243),
      NgayNopHoSo: '2026-11-22',
      TrangThaiHoSo: 2,
    };
    const res = await fetch(`${gateway.url}/inbound/dvcqg/dossiers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': OPERATOR_KEY },
      body: JSON.stringify(bad),
    });
    expect(res.status).toBe(400);
    const body: Json = await res.json();
    expect(body.code).toBe('LT_DVCQG_INVALID_SUBMISSION');
    expect(body.detail).toMatch(/NgayNopHoSo/);
    expect(body.detail).toMatch(/TrangThaiHoSo/);
    expect(await apiStatus(`/api/v1/dossiers/${encodeURIComponent(bad.MaHoSo)}`)).toBe(404);
  });

  it('holds everything while the portal is down, then delivers it all in order', async () => {
    await fetch(`${dvcqg.url}/_faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outage: true }),
    });
    const dossiers = [newIgateDossier(), newIgateDossier(), newIgateDossier()];
    for (const d of dossiers) {
      await waitFor('received', async () =>
        (await gatewayStatus(d.code)) === 'received' ? true : undefined,
      );
      await moveOnIgate(d.code, IGATE.processing, 'processing');
      await moveOnIgate(d.code, IGATE.resolved, 'resolved');
    }
    for (const d of dossiers) expect(await portal(d.code)).toBeUndefined();
    await fetch(`${dvcqg.url}/_faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    for (const d of dossiers) {
      const record = await waitFor(
        `${d.code} delivered after the outage`,
        async () => {
          const r = await portal(d.code);
          return progressOf(r).at(-1) === '9' ? r : undefined; // progress comes after the sync
        },
        60_000,
        200,
      );
      expect(progressOf(record)).toEqual(['2', '4', '9']);
    }
  });

  it('renews an iGate token and a portal session that expire mid-run', async () => {
    const d = newIgateDossier();
    await waitFor('received', async () => ((await gatewayStatus(d.code)) === 'received' ? true : undefined));
    const before: Json = await simState(igate.url);
    const loginsBefore = (await simState(dvcqg.url)).logins as number;
    igate.simulator.expireTokens();
    await fetch(`${dvcqg.url}/_sim/expire-sessions`, { method: 'POST' });
    await moveOnIgate(d.code, IGATE.processing, 'processing');
    const record = await waitFor('progress after expiry', async () => {
      const r = await portal(d.code);
      return progressOf(r).at(-1) === '4' ? r : undefined; // progress comes after the sync
    });
    expect(progressOf(record)).toEqual(['2', '4']);
    const after: Json = await simState(igate.url);
    expect(after.tokens.issued).toBeGreaterThan(before.tokens.issued);
    expect((await simState(dvcqg.url)).logins).toBeGreaterThan(loginsBefore);
    expect(gateway.output()).not.toMatch(/\b0\d{11}\b/); // no citizen id number in the gateway's logs
  });
});
