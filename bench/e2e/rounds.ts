import { CONCURRENCY, ROUNDS, WARMUP_DOSSIERS } from './config';
import { runRound } from './measure';
import type { Outcome, Side } from './measure';
import { describeRound } from './report';
import type { Sides } from './sides';
import { makeDossiers } from './workload';
import type { Dossier } from './workload';

async function runOurs(side: Side, dossiers: Dossier[]): Promise<Outcome> {
  const o = await runRound(side, dossiers, CONCURRENCY);
  if (o.failedPushes > 0) throw new Error(`the gateway refused ${o.failedPushes} pushes: ${o.firstError}`);
  return o;
}

/** Node-RED has no durability: a refused push is a lost change, counted, not a failure of the run. */
async function runPeer(side: Side, dossiers: Dossier[]): Promise<Outcome> {
  const o = await runRound(side, dossiers, CONCURRENCY);
  if (o.failedPushes > 0) console.log(`  Node-RED lost ${o.failedPushes} changes, first: ${o.firstError}`);
  return o;
}

/**
 * A warm-up (JIT, connection pools, mapping caches; not counted), then ROUNDS rounds of `perRound`
 * dossiers. Each round has its own dossier codes, so that the portals never see a code twice; both sides
 * get the same dossiers, and who goes first alternates, so that a drift of the machine's speed hits both
 * alike.
 */
export async function runRounds(
  { ours, peer }: Sides,
  perRound: number,
): Promise<{ ours: Outcome[]; peer: Outcome[] }> {
  let seq = 1;
  const batch = (count: number, round: number): Dossier[] => {
    const made = makeDossiers(count, seq, 0x5eed + round);
    seq += count;
    return made;
  };
  const warm = batch(WARMUP_DOSSIERS, 0);
  await runOurs(ours, warm);
  if (peer) await runPeer(peer, warm);

  const result = { ours: [] as Outcome[], peer: [] as Outcome[] };
  for (let r = 1; r <= ROUNDS; r++) {
    const dossiers = batch(perRound, r);
    const peerFirst = r % 2 === 0;
    if (peer && peerFirst) result.peer.push(await runPeer(peer, dossiers));
    result.ours.push(await runOurs(ours, dossiers));
    if (peer && !peerFirst) result.peer.push(await runPeer(peer, dossiers));
    const o = result.ours[r - 1];
    const p = result.peer[r - 1];
    console.log(
      `round ${r}: LienThong ${describeRound(o)}` +
        (p ? `; Node-RED ${describeRound(p)}; ratio ${(o.perSec / p.perSec).toFixed(3)}` : ''),
    );
  }
  return result;
}
