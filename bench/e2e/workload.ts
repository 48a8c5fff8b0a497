import { performance } from 'node:perf_hooks';
import { advanceIgateDossier, generateIgateDossier, igateReference } from '../../adapters/igate/simulator';
import type { IgateDossier } from '../../adapters/igate/simulator';
import { mulberry32 } from '../../src/simulator/random';
import { pool } from '../support';

/**
 * Every dossier takes the same five steps, five different TrangThai at the portal so that each change
 * is recognisable there: received (2) → supplement requested (5) → processing (4) → resolved (9) →
 * returned (10). `advanceIgateDossier` picks the next status with one draw; these draws choose the path.
 */
const DRAWS = [0.9, 0, 0, 0];
/** The portal's TrangThai of each change of a dossier, in order. */
export const EXPECTED = ['2', '5', '4', '9', '10'];
export const PER_DOSSIER = EXPECTED.length;

export interface Dossier {
  code: string;
  /** The iGate dossier after each change, in order. */
  changes: IgateDossier[];
}

/** `count` dossiers with all their changes, made before any clock starts. */
export function makeDossiers(count: number, firstSeq: number, seed: number): Dossier[] {
  const ref = igateReference();
  const rand = mulberry32(seed);
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const first = generateIgateDossier(rand, now, firstSeq + i, { ref });
    const changes = [first];
    for (const [k, draw] of DRAWS.entries()) {
      const next = advanceIgateDossier(changes[k], () => draw, now + (k + 1) * 60_000, ref);
      if (!next) throw new Error(`dossier ${first.code} stopped moving after ${k + 1} changes`);
      changes.push(next);
    }
    return { code: first.code, changes };
  });
}

export interface Pushed {
  /** When each change's push started (performance.now()), per dossier and change. */
  started: number[][];
  /** Whether each push was answered 2xx. */
  accepted: boolean[][];
  failed: number;
  firstError?: string;
  /** Pushes answered per second (for the gateway: stored and queued, not yet delivered). */
  answeredPerSec: number;
}

/**
 * Pushes every change with at most `concurrency` requests in flight, a dossier's next change only after its
 * previous push was answered.
 */
export async function drive(
  dossiers: Dossier[],
  url: string,
  headers: Record<string, string>,
  concurrency: number,
): Promise<Pushed> {
  const started = dossiers.map(() => [] as number[]);
  const accepted = dossiers.map(() => [] as boolean[]);
  let failed = 0;
  let firstError: string | undefined;
  const begin = performance.now();
  await pool(dossiers.length, concurrency, async (i) => {
    for (const change of dossiers[i].changes) {
      started[i].push(performance.now());
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(change),
      });
      const text = await res.text();
      accepted[i].push(res.ok);
      if (!res.ok) {
        failed += 1;
        firstError ??= `${res.status} ${text.slice(0, 300)}`;
      }
    }
  });
  const seconds = Math.max(performance.now() - begin, 1) / 1000;
  return { started, accepted, failed, firstError, answeredPerSec: (dossiers.length * PER_DOSSIER) / seconds };
}
