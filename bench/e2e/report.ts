import type { Outcome } from './measure';
import { ascending, percentile, round1 } from './stats';
import type { Summary } from './stats';

/** One side's round in one line: throughput, how fast pushes were answered, median latency, CPU. */
export function describeRound(o: Outcome): string {
  const pct = (x: number | undefined) => (x === undefined ? '?' : `${Math.round(x * 100)}%`);
  return (
    `${o.perSec.toFixed(0)}/s (pushes answered at ${o.acceptedPerSec.toFixed(0)}/s, ` +
    `p50 ${round1(percentile(ascending(o.latencies), 0.5))} ms, CPU ${pct(o.cpu)} + driver ${pct(o.driverCpu)})`
  );
}

const cells = (...xs: string[]) =>
  xs[0].padEnd(50) +
  xs
    .slice(1)
    .map((x) => x.padStart(11))
    .join('');

/** The table of both sides; `total` is the number of changes pushed to each over the measured rounds. */
export function printTable(ours: Summary, peer: Summary | undefined, total: number): void {
  const row = (name: string, x: Summary) =>
    cells(name, x.perSec.toFixed(1), String(x.p50), String(x.p99), `${x.received}/${total}`);
  console.log('');
  console.log(cells('iGate change -> DVCQG progress stored', 'changes/s', 'p50 ms', 'p99 ms', 'received'));
  console.log(row('LienThong (durable: lookup, sync, progress)', ours));
  if (peer) console.log(row('Node-RED (lookup, sync, progress; no durability)', peer));
  else console.log(cells('Node-RED (not installed)', 'n/a', 'n/a', 'n/a', 'n/a'));
  if (peer) console.log(`ratio LienThong / Node-RED: ${(ours.perSec / peer.perSec).toFixed(3)}`);
}

/** The last line of the run, read by scripts: null for Node-RED's fields when it had no baseline. */
export function resultLine(ours: Summary, peer: Summary | undefined, extra: Record<string, unknown>): string {
  return JSON.stringify({
    oursPerSec: round1(ours.perSec),
    p50Ms: ours.p50,
    p99Ms: ours.p99,
    nodeRedPerSec: peer ? round1(peer.perSec) : null,
    ratio: peer ? Math.round((ours.perSec / peer.perSec) * 1000) / 1000 : null,
    nodeRedP50Ms: peer ? peer.p50 : null,
    nodeRedP99Ms: peer ? peer.p99 : null,
    nodeRedLost: peer ? peer.lost : null,
    ...extra,
  });
}
