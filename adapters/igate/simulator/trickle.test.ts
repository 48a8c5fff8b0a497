import { IGATE_FIXTURE_TIME, igateFixture } from '../__fixtures__';
import { mulberry32 } from '../../../src/simulator/random';
import { igateReference } from './reference';
import { manualClock } from '../../../src/simulator/__tests__/manual-clock';
import { call, login, start, stopAll } from './__tests__/test-support';
import { generateIgateDossier, startTrickle } from './trickle';
import type { IgateDossier } from './types';
import { parseIgateTime } from './wire';

afterEach(stopAll);

const ref = igateReference();
const CODE = /^\d{3}\.\d{2}\.\d{2}\.H48-\d{6}-\d{4}$/;
const canonical = (d: IgateDossier) => ref.statusCanonical(d.dossierStatus);

describe('igate simulator: generateIgateDossier', () => {
  const dossiers = Array.from({ length: 60 }, (_, i) =>
    generateIgateDossier(mulberry32(i), IGATE_FIXTURE_TIME, i + 1),
  );

  it('makes received dossiers of real procedures and open agencies, with consistent dates', () => {
    const procedures = new Map(ref.procedures.map((p) => [p.igate.id, p]));
    const open = new Set(ref.agenciesValidOn('2026-03-02').map((a) => a.igateId));
    for (const d of dossiers) {
      expect(d.id).toMatch(/^[0-9a-f]{24}$/);
      expect(d.code).toMatch(CODE);
      expect(d.code.startsWith(`${d.agency.code}-260302-`)).toBe(true);
      expect(open.has(d.agency.id)).toBe(true);
      expect(procedures.get(d.procedure.id)?.local).toBe(d.procedure.code);
      expect(d.procedureProcessDefinition.id).toBe(procedures.get(d.procedure.id)?.igate.processDefinitionId);
      expect(canonical(d)).toBe('received');
      expect(d.dossierTaskStatus.name[0].name).toBe('Đã tiếp nhận');
      const accepted = parseIgateTime(d.acceptedDate) as number;
      expect(accepted).toBe(IGATE_FIXTURE_TIME);
      expect(parseIgateTime(d.appointmentDate)).toBeGreaterThan(accepted);
      expect(parseIgateTime(d.appliedDate)).toBeLessThanOrEqual(accepted);
      expect(d.applicant.data.identityNumber).toMatch(/^051[0-3]\d{8}$/);
      expect(d.applicant.data.fullname.split(' ')).toHaveLength(3);
      expect(d.applicant.data.address).toMatch(/, (Xã|Phường) .+, Tỉnh Quảng Ngãi$/);
      expect(d.applicant.data.email).toMatch(/@example\.com$/);
    }
  });

  it('mixes apply methods and agencies, and never uses a code closed on that day', () => {
    expect(new Set(dossiers.map((d) => d.applyMethod.id))).toEqual(new Set([0, 1, 2]));
    expect(new Set(dossiers.map((d) => d.agency.code)).size).toBeGreaterThan(2);
    expect(dossiers.some((d) => d.agency.code === '000.00.53.H48')).toBe(false);
    const before = Array.from({ length: 60 }, (_, i) =>
      generateIgateDossier(mulberry32(i), Date.parse('2025-03-03T02:00:00Z'), 1),
    );
    expect(before.some((d) => d.agency.code === '000.00.53.H48')).toBe(true);
  });

  it('is deterministic for a seed, time and sequence number', () => {
    expect(generateIgateDossier(mulberry32(3), IGATE_FIXTURE_TIME, 9)).toEqual(
      generateIgateDossier(mulberry32(3), new Date(IGATE_FIXTURE_TIME), 9),
    );
  });
});

describe('igate simulator: trickle', () => {
  it('adds dossiers and moves them along realistic paths, with dates and updatedDate', async () => {
    const c = manualClock(IGATE_FIXTURE_TIME);
    const sim = await start({ now: c.now, tokenTtlSeconds: 86_400 });
    const trickle = startTrickle(sim.simulator, { intervalMs: 0, rand: mulberry32(5) });
    const moved = new Set<string>();
    for (let i = 0; i < 80; i++) {
      c.advance(10 * 60_000);
      const { created, advanced } = trickle.tick();
      expect(created).toMatch(CODE);
      for (const code of advanced) {
        expect(sim.simulator.state.find(code)?.updatedDate).toBe(
          new Date(c.now()).toISOString().replace('Z', '+0000'),
        );
        moved.add(code);
      }
    }
    const all = sim.simulator.state.all();
    expect(all).toHaveLength(80);
    expect(new Set(all.map((d) => d.code)).size).toBe(80);
    const seen = new Set(all.map(canonical));
    for (const status of ['received', 'processing', 'resolved', 'returned']) expect(seen).toContain(status);
    for (const d of all.filter((x) => canonical(x) === 'returned')) {
      expect(parseIgateTime(d.returnedDate)).toBeGreaterThan(parseIgateTime(d.completedDate) as number);
      expect(d.dossierTaskStatus.name[0].name).toBe('Đã trả kết quả');
    }
    expect(moved.size).toBeGreaterThan(20);
    // The trickle takes its codes from the pattern service: the gateway's next code never collides.
    const token = await login(sim);
    const agency = all[0].agency.id;
    const procedure = { id: all[0].procedure.id, code: all[0].procedure.code };
    const pattern = await call(
      sim,
      'GET',
      `/bd/config/get-pattern?agency-id=${agency}&procedure-id=${procedure.id}`,
      { token },
    );
    const next = await call(
      sim,
      'GET',
      `/bt/pattern/${pattern.body.id}/--get-next-value?code=${procedure.code}`,
      { token },
    );
    expect(all.map((d) => d.code)).not.toContain(next.body.value);
  });

  it('stops adding at maxActive, and receives dossiers the gateway created (status 0)', async () => {
    const c = manualClock(IGATE_FIXTURE_TIME);
    const sim = await start({ now: c.now });
    const registered = sim.simulator.upsertDossier({ ...igateFixture('received-dossier'), dossierStatus: 0 });
    const trickle = startTrickle(sim.simulator, {
      intervalMs: 0,
      rand: mulberry32(1),
      maxActive: 4,
      advanceRate: 0,
    });
    for (let i = 0; i < 10; i++) trickle.tick();
    expect(sim.simulator.state.all()).toHaveLength(4);
    const mover = startTrickle(sim.simulator, {
      intervalMs: 0,
      rand: mulberry32(2),
      maxActive: 0,
      advanceRate: 1,
    });
    c.advance(60_000);
    mover.tick();
    const now = sim.simulator.state.find(registered.id) as IgateDossier;
    expect(['received', 'rejected']).toContain(canonical(now));
    expect(now.updatedDate).not.toBe(registered.updatedDate);
  });

  it('forgets the oldest final dossiers beyond `keep`, never a moving one', async () => {
    const c = manualClock(IGATE_FIXTURE_TIME);
    const sim = await start({ now: c.now });
    const trickle = startTrickle(sim.simulator, {
      intervalMs: 0,
      rand: mulberry32(4),
      advanceRate: 1,
      keep: 3,
    });
    const moving = (status: string | undefined): boolean =>
      [
        'received',
        'processing',
        'supplement_requested',
        'payment_requested',
        'resolved',
        'registered',
      ].includes(status as string);
    // The status each dossier had when the trickle forgot it.
    const { state } = sim.simulator;
    const remove = state.remove.bind(state);
    const forgotten: Array<string | undefined> = [];
    jest.spyOn(state, 'remove').mockImplementation((id) => {
      forgotten.push(canonical(state.find(id) as IgateDossier));
      remove(id);
    });
    for (let i = 0; i < 60; i++) {
      c.advance(60_000);
      trickle.tick();
    }
    const all = sim.simulator.state.all();
    const final = all.filter((d) => !moving(canonical(d)));
    expect(final.length).toBe(3);
    expect(all.length - final.length).toBeGreaterThan(0);
    expect(forgotten.length).toBeGreaterThan(0);
    expect(forgotten.filter(moving)).toEqual([]);
  });

  it('runs on its own timer when started with the server, and stops with it', async () => {
    const sim = await start({ trickle: { intervalMs: 15, rand: mulberry32(9) } });
    await new Promise((resolve) => setTimeout(resolve, 120));
    const count = (await call(sim, 'GET', '/_sim/state')).body.dossiers as number;
    expect(count).toBeGreaterThan(2);
    await sim.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.simulator.state.all().length).toBeLessThanOrEqual(count + 1);
  });
});
