import type { DossierStatus } from '../../../src/model/status';
import { mulberry32, randomSeed } from '../../../src/simulator/random';
import { generateIgateDossier } from './generate';
import { igateReference } from './reference';
import type { IgateReference } from './reference';
import type { IgateSimulator } from './router';
import type { IgateDossier } from './types';
import { addDuration, igateTime, taskStatus } from './wire';

export { generateIgateDossier } from './generate';
export type { GenerateOptions } from './generate';

/** Where a dossier may go next, with weights: the usual path and the rare exits. */
const NEXT: Partial<Record<DossierStatus, Array<[DossierStatus, number]>>> = {
  registered: [
    ['received', 0.9],
    ['rejected', 0.1],
  ],
  received: [
    ['processing', 0.88],
    ['supplement_requested', 0.07],
    ['withdrawn', 0.03],
    ['rejected', 0.02],
  ],
  processing: [
    ['resolved', 0.72],
    ['supplement_requested', 0.12],
    ['payment_requested', 0.08],
    ['withdrawn', 0.04],
    ['stopped', 0.04],
  ],
  supplement_requested: [
    ['processing', 0.85],
    ['withdrawn', 0.15],
  ],
  payment_requested: [
    ['processing', 0.95],
    ['withdrawn', 0.05],
  ],
  resolved: [['returned', 1]],
};

/** Whether a native status still moves (not rejected, withdrawn, stopped, returned, nor unknown). */
function isActiveStatus(native: number, ref: IgateReference = igateReference()): boolean {
  const status = ref.statusCanonical(native);
  return status !== undefined && NEXT[status] !== undefined;
}

/**
 * One step of a dossier along a realistic path (received → processing → (supplement requested →
 * processing) → resolved → returned, rarely rejected, withdrawn or stopped), with the dates and task status
 * iGate moves with it. Undefined when the dossier is in a final or unknown status.
 */
export function advanceIgateDossier(
  dossier: IgateDossier,
  rand: () => number,
  nowMs: number,
  ref: IgateReference = igateReference(),
): IgateDossier | undefined {
  const from = ref.statusCanonical(dossier.dossierStatus);
  const options = from && NEXT[from];
  if (!options) return undefined;
  let draw = rand();
  const to = options.find(([, weight]) => (draw -= weight) < 0)?.[0] ?? options[options.length - 1][0];
  const at = igateTime(nowMs);
  const next: IgateDossier = {
    ...structuredClone(dossier),
    dossierStatus: ref.statusNative(to),
    dossierTaskStatus: taskStatus(to),
    updatedDate: at,
  };
  if (to === 'received') {
    next.acceptedDate = at;
    const procedure = ref.procedureByIgateId(dossier.procedure.id);
    if (procedure) next.appointmentDate = igateTime(addDuration(nowMs, procedure.duration));
  }
  if (from === 'payment_requested') next.dossierFee = next.dossierFee.map((f) => ({ ...f, paid: f.amount }));
  if (to === 'resolved' || to === 'rejected' || to === 'withdrawn' || to === 'stopped')
    next.completedDate = at;
  if (to === 'returned') next.returnedDate = at;
  return next;
}

/** Forgets the oldest final dossiers while the store holds more than `keep` of them. */
function forgetOldFinal(sim: IgateSimulator, keep: number): void {
  const final = [...sim.state.scan()].filter((d) => !isActiveStatus(d.dossierStatus, sim.reference));
  for (const d of final.slice(0, Math.max(0, final.length - keep))) sim.state.remove(d.id);
}

/** Options of {@link startTrickle}. */
export interface TrickleOptions {
  /** Time between ticks; 0 starts no timer (drive it with `tick()`). */
  intervalMs: number;
  /** Random source of names, choices and paths. @defaultValue mulberry32 with a random seed */
  rand?: () => number;
  /** No new dossier while this many are still moving (not final). @defaultValue 200 */
  maxActive?: number;
  /** Chance that a moving dossier takes one step in a tick. @defaultValue 0.3 */
  advanceRate?: number;
  /** At most this many dossiers move in one tick, so that a tick stays cheap. @defaultValue 20 */
  maxStepsPerTick?: number;
  /**
   * Final dossiers (returned, rejected, withdrawn, stopped) beyond this many in the store are forgotten,
   * oldest first, so that a sandbox left running for days keeps a bounded memory. @defaultValue 5000
   */
  keep?: number;
}

/** A running trickle. */
export interface Trickle {
  stop(): void;
  /** Runs one tick now: one new dossier (below `maxActive`) and some steps of existing ones. */
  tick(): { created?: string; advanced: string[] };
}

/**
 * The sandbox's steady flow of work: every tick a new dossier arrives at a counter or online (codes from
 * the simulator's own pattern service, so they never collide with a dossier the gateway creates), and some
 * dossiers already there move along their path, with `updatedDate`, task status and dates moving too, as a
 * poller of `updatedDate` would see them in a real province.
 */
export function startTrickle(sim: IgateSimulator, options: TrickleOptions): Trickle {
  const rand = options.rand ?? mulberry32(randomSeed());
  const maxActive = options.maxActive ?? 200;
  const advanceRate = options.advanceRate ?? 0.3;
  const maxSteps = options.maxStepsPerTick ?? 20;
  const keep = options.keep ?? 5000;
  let seq = 0;

  function tick(): { created?: string; advanced: string[] } {
    const result = step();
    forgetOldFinal(sim, keep);
    return result;
  }

  function step(): { created?: string; advanced: string[] } {
    const now = sim.now();
    const active = [...sim.state.scan()].filter((d) => isActiveStatus(d.dossierStatus, sim.reference));
    const advanced: string[] = [];
    for (const dossier of active) {
      if (advanced.length >= maxSteps) break;
      if (rand() >= advanceRate) continue;
      const next = advanceIgateDossier(dossier, rand, now, sim.reference);
      if (next) advanced.push(sim.upsertDossier(next).code);
    }
    if (active.length >= maxActive) return { advanced };
    seq += 1;
    const created = generateIgateDossier(rand, now, seq, {
      ref: sim.reference,
      code: (agency, procedure) =>
        sim.state.patterns.nextValue(sim.state.patterns.of(agency, procedure), now),
    });
    return { created: sim.upsertDossier(created).code, advanced };
  }

  let reported = false;
  const timer =
    options.intervalMs > 0
      ? setInterval(() => {
          try {
            tick();
          } catch (err) {
            // A broken reference stops nothing else; say it once rather than on every tick.
            if (!reported)
              console.error(`igate trickle: ${err instanceof Error ? err.message : String(err)}`);
            reported = true;
          }
        }, options.intervalMs)
      : undefined;
  timer?.unref();
  return {
    stop: () => clearInterval(timer),
    tick,
  };
}
