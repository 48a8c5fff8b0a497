import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ROUND_TIMEOUT_MS } from './config';
import type { RecordedPortal } from './portal';
import type { ChangeKey } from './receipts';
import { EXPECTED, drive } from './workload';
import type { Dossier, Pushed } from './workload';

/** One side of the comparison: where it takes iGate changes and the portal it delivers them to. */
export interface Side {
  pushUrl: string;
  headers: Record<string, string>;
  portal: RecordedPortal;
  /** Its process, whose CPU time a round reads (Linux only). */
  pid?: number;
}

export interface Outcome {
  /** Changes stored at the portal per second, from the first push to the last progress stored. */
  perSec: number;
  /** Per change, from the start of its push to its progress stored at the portal (ms). */
  latencies: number[];
  received: number;
  failedPushes: number;
  firstError?: string;
  /** Pushes answered per second (for the gateway: stored and queued, not yet delivered). */
  acceptedPerSec: number;
  /** Share of one core the side's process used during the round (Linux only). */
  cpu?: number;
  /** Share of one core this process (the driver and both portals) used during the round. */
  driverCpu: number;
}

/** CPU seconds (user + system) a process has used so far; undefined where /proc is not there. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}

/** The changes whose push was accepted: those the portal must receive. */
function expectedChanges(dossiers: Dossier[], pushed: Pushed): Array<ChangeKey & { i: number; k: number }> {
  return dossiers.flatMap((d, i) =>
    EXPECTED.flatMap((status, k) => (pushed.accepted[i][k] ? [{ code: d.code, status, i, k }] : [])),
  );
}

/**
 * Pushes the dossiers' changes to a side and waits until the portal has stored the progress of every
 * change pushed successfully: the last portal call of a change, so that nothing of a round spills into
 * the next. Both sides are measured by this same code.
 */
export async function runRound(side: Side, dossiers: Dossier[], concurrency: number): Promise<Outcome> {
  const cpu0 = cpuSeconds(side.pid);
  const own = process.cpuUsage();
  const t0 = performance.now();
  const pushed = await drive(dossiers, side.pushUrl, side.headers, concurrency);
  const changes = expectedChanges(dossiers, pushed);
  const { receipts } = side.portal;
  await receipts.whenProgressed(changes, ROUND_TIMEOUT_MS);
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuSeconds(side.pid);
  const used = process.cpuUsage(own);

  checkStored(side.portal, changes);
  const latencies: number[] = [];
  let last = 0;
  for (const change of changes) {
    const at = receipts.progressAt(change) as number;
    latencies.push(at - pushed.started[change.i][change.k]);
    last = Math.max(last, at);
  }
  const first = Math.min(...pushed.started.map((times) => times[0]));
  return {
    perSec: latencies.length / (Math.max(last - first, 1) / 1000),
    latencies,
    received: latencies.length,
    failedPushes: pushed.failed,
    firstError: pushed.firstError,
    acceptedPerSec: pushed.answeredPerSec,
    cpu: cpu0 !== undefined && cpu1 !== undefined ? (cpu1 - cpu0) / seconds : undefined,
    driverCpu: (used.user + used.system) / 1e6 / seconds,
  };
}

/** After the clock stopped: what the middleware recorded is really in the portal's store. */
function checkStored(portal: RecordedPortal, changes: ChangeKey[]): void {
  const { dossiers } = portal.simulator.state;
  const missing = changes.filter(
    (c) => !dossiers.get(c.code)?.progress.some((p) => p.TrangThai === c.status),
  );
  if (missing.length > 0)
    throw new Error(
      `${missing.length} changes answered as stored have no progress in the portal's store, first ${JSON.stringify(missing[0])}`,
    );
}
