import os from 'node:os';
import path from 'node:path';

/** The knobs of `npm run bench:e2e`, read once from the command line and the environment. */

/** Changes per round (BENCH_E2E_CHANGES or the first argument); a multiple of the changes per dossier. */
export const CHANGES = Number(process.argv[2] ?? process.env.BENCH_E2E_CHANGES ?? 2000);
/** Pushes in flight, and the gateway's delivery concurrency. */
export const CONCURRENCY = Number(process.env.BENCH_E2E_CONCURRENCY ?? 16);
/** Measured rounds per side, after one warm-up round. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const WARMUP_DOSSIERS = 20;
/** How long a round may wait for the portal to store every change's progress. */
export const ROUND_TIMEOUT_MS = 180_000;
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Where the pinned Node-RED is installed, kept between runs. */
export const NODE_RED_DIR =
  process.env.BENCH_NODE_RED_DIR ?? path.join(os.tmpdir(), 'lienthong-bench-node-red');
/** Without a Node-RED baseline the run fails, unless this is set (BENCH_ALLOW_NO_BASELINE=1). */
export const ALLOW_NO_BASELINE = process.env.BENCH_ALLOW_NO_BASELINE === '1';
/** The repository root; this file runs from dist/bench/e2e. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const OPERATOR_KEY = 'bench-e2e-operator-key-0123456789';
/** The simulated portal's default account, used by both sides. */
export const DVCQG_LOGIN = { username: 'lienthong', password: 'sandbox-password', dstcode: 'DVCQG' };
