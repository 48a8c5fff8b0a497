/**
 * `npm run bench:e2e`: sustained dossier changes from iGate to the national portal (DVCQG), end to end over
 * real HTTP, through LienThong and through a Node-RED flow doing the same wire work without durability.
 *
 * Each change is an iGate dossier JSON pushed to a side. LienThong (the compiled gateway as a child process
 * on a scratch PostgreSQL database and the real Redis, bench/e2e/gateway.ts) stores it, queues it and
 * delivers it; Node-RED (bench/node-red/, the version pinned there, bench/e2e/node-red.ts) forwards it
 * while the push waits, with no retry and no queue. Both make the same three portal calls per change:
 * TraCuuHoSo, DongBoHoSoMC (isUpdating from the lookup), CapNhatTienDoHoSoMC; each side has its own
 * in-process DVCQG simulator.
 *
 * A change is "seen" when its push starts and "received" when the portal answered its CapNhatTienDoHoSoMC
 * (the last call), recorded by a middleware in front of the simulator (bench/e2e/receipts.ts); a round
 * ends when every change pushed successfully is received. Throughput is changes / (last receipt − first
 * push) of a round, the median of BENCH_ROUNDS (default 3; the mean of the two middle ones for an even
 * count) alternating rounds after a warm-up; p50/p99 are over the per-change latencies of all measured
 * rounds. The last line is JSON: {"oursPerSec","p50Ms","p99Ms","nodeRedPerSec","ratio",...}, ratio =
 * oursPerSec / nodeRedPerSec. Without Node-RED (it cannot be installed) the run fails, unless
 * BENCH_ALLOW_NO_BASELINE=1, which prints null for its fields instead.
 *
 * Knobs (bench/e2e/config.ts): BENCH_E2E_CHANGES (default 2000, 5 per dossier), BENCH_E2E_CONCURRENCY
 * (pushes in flight and gateway delivery concurrency, default 16), BENCH_ROUNDS, BENCH_NODE_RED_DIR,
 * BENCH_ALLOW_NO_BASELINE, DATABASE_URL, REDIS_URL.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { cleanUp } from './e2e/cleanup';
import { CHANGES, CONCURRENCY, ROUNDS } from './e2e/config';
import type { Side } from './e2e/measure';
import { printTable, resultLine } from './e2e/report';
import { runRounds } from './e2e/rounds';
import { startSides } from './e2e/sides';
import { summary } from './e2e/stats';
import { PER_DOSSIER } from './e2e/workload';

async function main(): Promise<void> {
  const begin = performance.now();
  if (!Number.isInteger(CHANGES / PER_DOSSIER) || CHANGES <= 0)
    throw new Error(`BENCH_E2E_CHANGES must be a positive multiple of ${PER_DOSSIER}`);
  const perRound = CHANGES / PER_DOSSIER;
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} x ${cpus[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );
  console.log(
    `changes: ${CHANGES} per round (${perRound} dossiers x ${PER_DOSSIER}), ${CONCURRENCY} pushes in flight, ` +
      `gateway delivery concurrency ${CONCURRENCY}, rounds ${ROUNDS} (+ warm-up)`,
  );
  const sides = await startSides();
  const rounds = await runRounds(sides, perRound);

  const { ours, peer } = sides;
  const portal = (what: 'requests' | 'rejections') => {
    const of = (side: Side) => JSON.stringify(side.portal.simulator.state.summary()[what]);
    return `LienThong ${of(ours)}` + (peer ? `, Node-RED ${of(peer)}` : '');
  };
  console.log(`portal calls: ${portal('requests')}`);
  console.log(`portal refusals: ${portal('rejections')}`);
  const s = summary(rounds.ours);
  const n = rounds.peer.length > 0 ? summary(rounds.peer) : undefined;
  printTable(s, n, CHANGES * ROUNDS);
  console.log(`duration: ${((performance.now() - begin) / 1000).toFixed(1)} s`);
  const extra = {
    nodeRedVersion: sides.nodeRedVersion ?? null,
    changes: CHANGES,
    rounds: ROUNDS,
    concurrency: CONCURRENCY,
  };
  console.log(resultLine(s, n, extra));
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    void cleanUp().finally(() => process.exit(130));
  });
}

main()
  .finally(cleanUp)
  .then(
    () => process.exit(0),
    (err: Error) => {
      console.error(err);
      process.exit(1);
    },
  );
