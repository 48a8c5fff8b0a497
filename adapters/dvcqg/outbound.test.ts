import type { AdapterError, DeliveryContext } from '../../src/adapter/contract';
import { loadMappings } from '../../src/mapping';
import type { DossierEventData, DossierStatus, ProgressStep } from '../../src/model';
import { validateDossier } from '../../src/model';
import { readFixture } from '../../src/model/__tests__/fixtures';
import { silentLogger } from '../../src/observability/logger';
import { MAPPINGS_DIR } from '../../src/paths';
import { DvcqgClient } from './client';
import type { DvcqgConfig } from './config';
import { deliverGen1, deliverGen2, render } from './outbound';
import { startDvcqgSimulator } from './simulator';
import type { RunningDvcqgSimulator, StartDvcqgOptions } from './simulator';
import { DVCQG_SERVICES } from './wire';

const mappings = loadMappings(MAPPINGS_DIR);
const CODE = '000.00.53.H48-220921-0099';

const running: Array<{ sim: RunningDvcqgSimulator; client: DvcqgClient }> = [];

afterEach(async () => {
  for (const { sim, client } of running.splice(0)) {
    client.close();
    await sim.close();
  }
});

/** The real simulated portal on a free loopback port, and a client configured for it. */
async function portal(options: StartDvcqgOptions, config: DvcqgConfig) {
  const sim = await startDvcqgSimulator({ seed: 7, ...options });
  const client = new DvcqgClient(sim.url, config, silentLogger);
  running.push({ sim, client });
  return { sim, client };
}

const GEN1: DvcqgConfig = { username: 'lienthong', password: 'sandbox-password' };
const GEN2: DvcqgConfig = { profile: 'gen2' };

function ctx(): DeliveryContext {
  return { logger: silentLogger, timeoutMs: 5000, signal: new AbortController().signal };
}

/** The "created" event of the received online dossier (two progress steps: registered, received). */
function created(): DossierEventData {
  const dossier = validateDossier(readFixture('online-citizen-received.json'));
  return { dossier, change: { kind: 'created', to: dossier.status, actor: 'test', progressFrom: 0 } };
}

/** The same dossier with `extra` more processing steps, one hour apart, as one created event. */
function createdWithSteps(extra: number): DossierEventData {
  const data = created();
  const start = Date.parse(data.dossier.times.receivedAt as string);
  const statuses: DossierStatus[] = ['processing', 'supplement_requested'];
  const steps: ProgressStep[] = Array.from({ length: extra }, (_, i) => ({
    status: statuses[i % 2],
    at: new Date(start + (i + 1) * 3_600_000).toISOString(),
    note: `Bước ${i + 1}`,
  }));
  const progress = [...data.dossier.progress, ...steps];
  const dossier = { ...data.dossier, progress, status: progress[progress.length - 1].status };
  return { dossier, change: { ...data.change, to: dossier.status } };
}

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (err) {
    return err as AdapterError;
  }
  throw new Error('expected the delivery to be refused');
}

describe('render', () => {
  it('renders the dossier and every progress step of a created event', async () => {
    const data = created();
    const rendered = await render(mappings, data, mappings.ref.nationalCodes());
    expect(rendered.dossier).toMatchObject({ MaHoSo: CODE, MaTTHC: '1.001612', TrangThaiHoSo: '2' });
    expect(rendered.progress.map((p) => p.TrangThai)).toEqual(['1', '2']);
  });

  it('renders only the steps a status change added', async () => {
    const data = created();
    data.change = { kind: 'status_changed', from: 'registered', to: 'received', actor: 'x', progressFrom: 1 };
    const rendered = await render(mappings, data);
    expect(rendered.progress.map((p) => p.TrangThai)).toEqual(['2']);
  });

  it('refuses to render a procedure the portal does not know, as a permanent error', async () => {
    await expect(render(mappings, created(), new Set(['9.999999']))).rejects.toMatchObject({
      code: 'LT_DVCQG_INVALID_OUTBOUND',
      retryable: false,
    });
  });
});

describe('deliverGen1 against the simulated portal', () => {
  it('looks up, creates, updates when the portal says "đã tồn tại", then sends the progress', async () => {
    const { sim, client } = await portal({ alreadyExistsRate: 1 }, GEN1);
    const data = created();
    const rendered = await render(mappings, data, mappings.ref.nationalCodes());

    const result = await deliverGen1(client, rendered, data.dossier, data.dossier.agency.id, ctx());

    const stored = sim.simulator.state.dossiers.get(CODE);
    expect(stored?.syncs.map((s) => s.isUpdating)).toEqual([false, true]);
    expect(stored?.dossier).toEqual(rendered.dossier);
    expect(stored?.progress).toEqual(rendered.progress);
    expect(sim.simulator.state.faulted.alreadyExists).toBe(1);
    expect(Object.fromEntries(sim.simulator.state.requests)).toEqual({
      [DVCQG_SERVICES.lookup]: 1,
      [DVCQG_SERVICES.sync]: 2,
      [DVCQG_SERVICES.progress]: 1,
    });
    expect(result.status).toBe(200);
    expect(result.externalId).toBe(CODE);
    // The evidence is the update that was accepted, without the session token.
    const sent = JSON.parse(result.request.body.toString('utf8')) as Record<string, unknown>;
    expect(sent).toMatchObject({ service: DVCQG_SERVICES.sync, isUpdating: 'True', session: '[REDACTED]' });
    expect(result.response?.body.toString('utf8')).toContain('"error_code":0');
  });

  it('updates straight away a dossier the lookup finds', async () => {
    const { sim, client } = await portal({}, GEN1);
    const data = created();
    const rendered = await render(mappings, data);
    await deliverGen1(client, rendered, data.dossier, data.dossier.agency.id, ctx());
    await deliverGen1(client, rendered, data.dossier, data.dossier.agency.id, ctx());
    expect(sim.simulator.state.dossiers.get(CODE)?.syncs.map((s) => s.isUpdating)).toEqual([false, true]);
    expect(sim.simulator.state.requests.get(DVCQG_SERVICES.sync)).toBe(2);
  });

  it('turns a business refusal into LT_DVCQG_REJECTED, permanent, and sends no progress', async () => {
    // The portal knows no procedure of ours; render is not told, so only the portal refuses.
    const { sim, client } = await portal({ knownProcedures: ['9.999999'] }, GEN1);
    const data = created();
    const rendered = await render(mappings, data);
    const err = await rejection(deliverGen1(client, rendered, data.dossier, data.dossier.agency.id, ctx()));
    expect(err).toMatchObject({
      code: 'LT_DVCQG_REJECTED',
      kind: 'permanent',
      retryable: false,
      details: { service: DVCQG_SERVICES.sync, errorCode: '1' },
    });
    expect(err.wire?.body.toString('utf8')).toContain('"isUpdating":"False"');
    expect(sim.simulator.state.requests.get(DVCQG_SERVICES.progress)).toBeUndefined();
    expect(sim.simulator.state.dossiers.size).toBe(0);
  });
});

describe('deliverGen2 against the simulated portal', () => {
  it('sends more than 10 progress steps in chunks of 10, in order', async () => {
    const { sim, client } = await portal({}, GEN2);
    const data = createdWithSteps(21); // 23 steps: 10 + 10 + 3
    const rendered = await render(mappings, data, mappings.ref.nationalCodes());
    expect(rendered.progress).toHaveLength(23);

    const result = await deliverGen2(client, rendered, data.dossier, 10, ctx());

    const state = sim.simulator.state;
    expect(state.requests.get('v2/hoso/them-moi')).toBe(1);
    // The portal refuses a chunk over 10 outright, so 3 accepted requests for 23 steps are 10 + 10 + 3.
    expect(state.requests.get('v2/hoso/tien-do')).toBe(3);
    expect(state.rejections).toEqual({});
    expect(state.dossiers.get(CODE)?.progress).toEqual(rendered.progress);
    expect(result.response?.body.toString('utf8')).toContain('thành công');
    expect(JSON.parse(result.request.body.toString('utf8'))).toEqual([rendered.dossier]);
  });

  it('sends an update when the create is answered "đã tồn tại"', async () => {
    const { sim, client } = await portal({ alreadyExistsRate: 1 }, GEN2);
    const data = created();
    const rendered = await render(mappings, data);
    const result = await deliverGen2(client, rendered, data.dossier, 10, ctx());
    expect(sim.simulator.state.dossiers.get(CODE)?.syncs.map((s) => s.isUpdating)).toEqual([false, true]);
    expect(result.request.url).toMatch(/\/v2\/hoso\/cap-nhat$/);
  });

  it('fails a chunk bigger than the portal takes instead of reporting success', async () => {
    const { sim, client } = await portal({}, GEN2);
    const data = createdWithSteps(10); // 12 steps in one chunk of 11 and one of 1
    const rendered = await render(mappings, data);
    const err = await rejection(deliverGen2(client, rendered, data.dossier, 11, ctx()));
    expect(err.retryable).toBe(false);
    expect(sim.simulator.state.rejections).toEqual({ too_many: 1 });
  });

  it('turns a business refusal into LT_DVCQG_REJECTED, permanent, and sends no progress', async () => {
    const { sim, client } = await portal({ knownProcedures: ['9.999999'] }, GEN2);
    const data = created();
    const rendered = await render(mappings, data);
    const err = await rejection(deliverGen2(client, rendered, data.dossier, 10, ctx()));
    expect(err).toMatchObject({
      code: 'LT_DVCQG_REJECTED',
      kind: 'permanent',
      retryable: false,
      details: { service: 'create/update', errorCode: '1' },
    });
    expect(JSON.parse(err.wire?.body.toString('utf8') ?? 'null')).toEqual([rendered.dossier]);
    expect(sim.simulator.state.requests.get('v2/hoso/tien-do')).toBeUndefined();
  });
});
