/**
 * `npm run bench:e2e`: sustained dossier changes from iGate to the national portal (DVCQG), end to end over
 * real HTTP. Each change is an iGate dossier JSON pushed to the gateway's `POST /inbound/igate/dossiers`;
 * the compiled gateway (a child process on a scratch PostgreSQL database and the real Redis) stores it,
 * queues it, and delivers it to an in-process DVCQG simulator (TraCuuHoSo, DongBoHoSoMC,
 * CapNhatTienDoHoSoMC). In the same run, the same changes go to a Node-RED 4 flow (bench/node-red/, installed
 * by this script into a cached temporary folder) doing the same transform-and-forward without lookup,
 * retry or durability, against a second simulator: the peer a province might deploy instead.
 *
 * A change is "seen" when its push starts and "received" when the simulator stores the DongBoHoSoMC that
 * carries the dossier's new TrangThaiHoSo (the simulator's own receive timestamp). Throughput is changes /
 * (last receive − first push) of a round, the median of BENCH_ROUNDS (default 3) alternating rounds after
 * a warm-up; p50/p99 are over the per-change latencies of all measured rounds. The last line is JSON:
 * {"oursPerSec","p50Ms","p99Ms","nodeRedPerSec","ratio",...}, ratio = oursPerSec / nodeRedPerSec (null,
 * as nodeRedPerSec, when Node-RED cannot be installed). Knobs: BENCH_E2E_CHANGES (default 2000, 5 per
 * dossier), BENCH_E2E_CONCURRENCY (pushes in flight and gateway delivery concurrency, default 16),
 * BENCH_ROUNDS, BENCH_NODE_RED_DIR, DATABASE_URL, REDIS_URL.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { startDvcqgSimulator } from '../adapters/dvcqg/simulator';
import type { RunningDvcqgSimulator } from '../adapters/dvcqg/simulator';
import {
  advanceIgateDossier,
  generateIgateDossier,
  igateReference,
  startIgateSimulator,
} from '../adapters/igate/simulator';
import type { IgateDossier } from '../adapters/igate/simulator';
import { mulberry32 } from '../src/simulator/random';
import { pool, scratchDatabase } from './support';

const CHANGES = Number(process.argv[2] ?? process.env.BENCH_E2E_CHANGES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_E2E_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_DOSSIERS = 20;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NODE_RED_DIR = process.env.BENCH_NODE_RED_DIR ?? path.join(os.tmpdir(), 'lienthong-bench-node-red');
const ROOT = path.resolve(__dirname, '..', '..'); // run from dist/bench
const OPERATOR_KEY = 'bench-e2e-operator-key-0123456789';
const DVCQG_LOGIN = { username: 'lienthong', password: 'sandbox-password', dstcode: 'DVCQG' };

/**
 * Every dossier takes the same five steps, five different TrangThaiHoSo at the portal so that each change
 * is recognisable there: received (2) → supplement requested (5) → processing (4) → resolved (9) →
 * returned (10). `advanceIgateDossier` picks the next status with one draw; these draws choose the path.
 */
const DRAWS = [0.9, 0, 0, 0];
const EXPECTED = ['2', '5', '4', '9', '10'];
const PER_DOSSIER = EXPECTED.length;

interface Dossier {
  code: string;
  /** The iGate dossier after each change, in order. */
  changes: IgateDossier[];
}

/** `count` dossiers with all their changes, made before any clock starts. */
function makeDossiers(count: number, firstSeq: number, seed: number): Dossier[] {
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

interface Outcome {
  perSec: number;
  latencies: number[];
  received: number;
  failedPushes: number;
  /** Pushes answered per second (for the gateway: stored and queued, not yet delivered). */
  acceptedPerSec: number;
  /** Share of one core the side's process used during the round (Linux only). */
  cpu?: number;
  /** Share of one core this process (the driver and both portals) used during the round. */
  driverCpu?: number;
}

/**
 * Pushes every change with at most CONCURRENCY requests in flight, a dossier's next change only after its
 * previous push was answered; returns the start time of each push.
 */
async function drive(
  dossiers: Dossier[],
  url: string,
  headers: Record<string, string>,
): Promise<{ started: number[][]; failed: number; firstError?: string; answeredPerSec: number }> {
  const started = dossiers.map(() => [] as number[]);
  let failed = 0;
  let firstError: string | undefined;
  const begin = Date.now();
  await pool(dossiers.length, CONCURRENCY, async (i) => {
    for (const change of dossiers[i].changes) {
      started[i].push(Date.now());
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(change),
      });
      const text = await res.text();
      if (!res.ok) {
        failed += 1;
        firstError ??= `${res.status} ${text.slice(0, 300)}`;
      }
    }
  });
  const answeredPerSec = (dossiers.length * PER_DOSSIER) / (Math.max(Date.now() - begin, 1) / 1000);
  return { started, failed, firstError, answeredPerSec };
}

/** The simulator's receive time of each change, matched in order against the statuses it should carry. */
function receivedAt(sim: RunningDvcqgSimulator, dossiers: Dossier[]): (number | undefined)[][] {
  return dossiers.map((d) => {
    const syncs = sim.simulator.state.dossiers.get(d.code)?.syncs ?? [];
    let next = 0;
    return EXPECTED.map((status) => {
      while (next < syncs.length && syncs[next].status !== status) next += 1;
      return next < syncs.length ? Date.parse(syncs[next++].at) : undefined;
    });
  });
}

function outcome(
  { started, failed, answeredPerSec }: Awaited<ReturnType<typeof drive>>,
  received: (number | undefined)[][],
): Outcome {
  const latencies: number[] = [];
  let last = 0;
  started.forEach((times, i) =>
    times.forEach((t, k) => {
      const at = received[i][k];
      if (at === undefined) return;
      latencies.push(at - t);
      last = Math.max(last, at);
    }),
  );
  const first = Math.min(...started.map((times) => times[0]));
  return {
    perSec: latencies.length / (Math.max(last - first, 1) / 1000),
    latencies,
    received: latencies.length,
    failedPushes: failed,
    acceptedPerSec: answeredPerSec,
  };
}

/** A child process serving HTTP; `pid` lets a round read its CPU time. */
interface Service {
  url: string;
  pid?: number;
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

/** Runs one side of a round and adds the share of a core its process used meanwhile. */
async function measured(service: Service, run: () => Promise<Outcome>): Promise<Outcome> {
  const cpu0 = cpuSeconds(service.pid);
  const own = process.cpuUsage();
  const t0 = Date.now();
  const result = await run();
  const seconds = (Date.now() - t0) / 1000;
  const cpu1 = cpuSeconds(service.pid);
  if (cpu0 !== undefined && cpu1 !== undefined) result.cpu = (cpu1 - cpu0) / seconds;
  const used = process.cpuUsage(own);
  result.driverCpu = (used.user + used.system) / 1e6 / seconds;
  return result;
}

function runOurs(gateway: Service, sim: RunningDvcqgSimulator, dossiers: Dossier[]): Promise<Outcome> {
  return measured(gateway, async () => {
    const pushed = await drive(dossiers, `${gateway.url}/inbound/igate/dossiers`, {
      'x-api-key': OPERATOR_KEY,
    });
    if (pushed.failed > 0)
      throw new Error(`the gateway refused ${pushed.failed} pushes: ${pushed.firstError}`);
    const want = dossiers.length * PER_DOSSIER;
    const count = () =>
      receivedAt(sim, dossiers)
        .flat()
        .filter((t) => t !== undefined).length;
    await poll(`the portal to receive ${want} changes from the gateway`, () => count() >= want, 180_000, 20);
    return outcome(pushed, receivedAt(sim, dossiers));
  });
}

function runNodeRed(nodeRed: Service, sim: RunningDvcqgSimulator, dossiers: Dossier[]): Promise<Outcome> {
  return measured(nodeRed, async () => {
    // Node-RED answers after the portal did: once the pushes are answered, all it delivered is there.
    const pushed = await drive(dossiers, `${nodeRed.url}/igate`, {});
    if (pushed.failed > 0)
      console.log(`  Node-RED lost ${pushed.failed} changes, first: ${pushed.firstError}`);
    return outcome(pushed, receivedAt(sim, dossiers));
  });
}

/** Child processes and scratch resources, released in reverse order even when the run fails. */
const cleanups: Array<() => Promise<unknown> | unknown> = [];
async function cleanUp(): Promise<void> {
  for (const release of cleanups.splice(0).reverse()) {
    try {
      await release();
    } catch (err) {
      console.error(`cleanup: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function poll(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve(done()).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Starts a child process that is killed at cleanup; its output is kept for error messages. */
function child(cmd: string, args: string[], env: Record<string, string>, cwd = ROOT) {
  let out = '';
  const proc: ChildProcess = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
  proc.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  proc.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  cleanups.push(async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  });
  return { proc, output: () => out, exited: () => proc.exitCode !== null || proc.signalCode !== null };
}

function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startGateway(igateUrl: string, dvcqgUrl: string): Promise<Service> {
  const main = path.join(ROOT, 'dist', 'src', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const db = await scratchDatabase(DATABASE_URL, `lt_bench_e2e_${Date.now().toString(36)}`);
  cleanups.push(() => db.drop());
  const prefix = `ltbenche2e${Date.now().toString(36)}`;
  cleanups.push(() => dropRedisKeys(prefix));
  const dir = scratchDir('lt-bench-e2e-');
  const config = path.join(dir, 'lienthong.yaml');
  fs.writeFileSync(
    config,
    JSON.stringify({
      gateway: { dataDir: path.join(dir, 'data'), logLevel: 'warn', shutdownTimeoutMs: 5000 },
      auth: { apiKeys: [{ name: 'bench', key: OPERATOR_KEY, role: 'operator' }] },
      delivery: {
        queuePrefix: prefix,
        concurrency: CONCURRENCY,
        policy: { backoff: { initialMs: 200, maxMs: 2000 } },
      },
      systems: {
        igate: {
          baseUrl: igateUrl,
          clientId: 'lienthong',
          clientSecret: 'sandbox-secret',
          poll: { enabled: false },
        },
        dvcqg: { baseUrl: dvcqgUrl, ...DVCQG_LOGIN },
      },
    }),
  );
  const port = await freePort();
  const gw = child(process.execPath, [main], {
    DATABASE_URL: db.url,
    REDIS_URL,
    LIENTHONG_CONFIG: config,
    LOG_LEVEL: 'warn',
    PORT: String(port),
  });
  const url = `http://127.0.0.1:${port}`;
  await poll(
    'the gateway to be ready',
    async () => {
      if (gw.exited()) throw new Error(`the gateway exited: ${gw.output()}`);
      return (await fetch(`${url}/health/ready`)).status === 200;
    },
    60_000,
  ).catch((err: Error) => {
    throw gw.exited() ? new Error(`the gateway exited before it was ready:\n${gw.output()}`) : err;
  });
  return { url, pid: gw.proc.pid };
}

async function dropRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

/**
 * node-red@4 in a folder kept between runs (installed into a side folder, then renamed, so that an
 * interrupted install is never taken for a good one); `{ error }` when npm cannot install it (no network).
 */
async function installNodeRed(): Promise<{ red: string; version: string } | { error: string }> {
  const installed = () => {
    const pkg = path.join(NODE_RED_DIR, 'node_modules', 'node-red', 'package.json');
    if (!fs.existsSync(pkg)) return undefined;
    const version = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
    return version.startsWith('4.')
      ? { red: path.join(NODE_RED_DIR, 'node_modules', 'node-red', 'red.js'), version }
      : undefined;
  };
  const cached = installed();
  if (cached) return cached;
  const partial = `${NODE_RED_DIR}.partial-${process.pid}`;
  fs.mkdirSync(partial, { recursive: true });
  console.log(`installing node-red@4 into ${NODE_RED_DIR} (once; reused by later runs)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['install', '--no-audit', '--no-fund', '--prefix', partial, 'node-red@4'];
  const npmRun = child(npm, args, {}, partial);
  const code = await new Promise<number | null>((r) => npmRun.proc.once('exit', (c) => r(c)));
  if (code !== 0 || !fs.existsSync(path.join(partial, 'node_modules', 'node-red', 'red.js'))) {
    fs.rmSync(partial, { recursive: true, force: true });
    return { error: `npm install node-red@4 failed (exit ${code}): ${npmRun.output().trim().slice(-600)}` };
  }
  fs.rmSync(NODE_RED_DIR, { recursive: true, force: true });
  fs.renameSync(partial, NODE_RED_DIR);
  return installed() ?? { error: `node-red@4 is not in ${NODE_RED_DIR} after npm install` };
}

async function startNodeRed(red: string, dvcqgUrl: string): Promise<Service> {
  const userDir = scratchDir('lt-bench-node-red-');
  const flowFile = path.join(userDir, 'flow.json');
  fs.copyFileSync(path.join(ROOT, 'bench', 'node-red', 'flow.json'), flowFile);
  const port = await freePort();
  const settings = path.join(ROOT, 'bench', 'node-red', 'settings.js');
  const nr = child(process.execPath, [red, '--settings', settings, '--userDir', userDir], {
    LT_BENCH_NODE_RED_PORT: String(port),
    LT_BENCH_NODE_RED_FLOW: flowFile,
    DVCQG_URL: dvcqgUrl,
    DVCQG_USER: DVCQG_LOGIN.username,
    DVCQG_PASSWORD: DVCQG_LOGIN.password,
    DVCQG_DSTCODE: DVCQG_LOGIN.dstcode,
  });
  const url = `http://127.0.0.1:${port}`;
  // Ready once the flow logged in to the portal (GET /ready of the flow answers 200).
  await poll(
    'Node-RED to be ready',
    async () => {
      if (nr.exited()) throw new Error('exited');
      return (await fetch(`${url}/ready`)).status === 200;
    },
    60_000,
  ).catch((err: Error) => {
    throw new Error(`Node-RED did not come up (${err.message}):\n${nr.output()}`);
  });
  return { url, pid: nr.proc.pid };
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
/** Nearest-rank percentile of an ascending list. */
const percentile = (ascending: number[], p: number) =>
  ascending[Math.max(0, Math.ceil(p * ascending.length) - 1)];
const round1 = (x: number) => Math.round(x * 10) / 10;

function summary(outcomes: Outcome[]) {
  const all = sorted(outcomes.flatMap((o) => o.latencies));
  return {
    perSec: median(outcomes.map((o) => o.perSec)),
    p50: percentile(all, 0.5),
    p99: percentile(all, 0.99),
    received: outcomes.reduce((n, o) => n + o.received, 0),
    lost: outcomes.reduce((n, o) => n + o.failedPushes, 0),
  };
}

async function main(): Promise<void> {
  if (!Number.isInteger(CHANGES / PER_DOSSIER) || CHANGES <= 0)
    throw new Error(`BENCH_E2E_CHANGES must be a positive multiple of ${PER_DOSSIER}`);
  const perRound = CHANGES / PER_DOSSIER;
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );
  console.log(
    `changes: ${CHANGES} per round (${perRound} dossiers x ${PER_DOSSIER}), ${CONCURRENCY} pushes in flight, ` +
      `gateway delivery concurrency ${CONCURRENCY}, rounds ${ROUNDS} (+ warm-up)`,
  );
  const igate = await startIgateSimulator();
  cleanups.push(() => igate.close());
  const oursPortal = await startDvcqgSimulator();
  cleanups.push(() => oursPortal.close());
  const peerPortal = await startDvcqgSimulator();
  cleanups.push(() => peerPortal.close());

  const gateway = await startGateway(igate.url, oursPortal.url);
  const nodeRedInstall = await installNodeRed();
  let nodeRed: Service | undefined;
  if ('error' in nodeRedInstall) {
    console.log(`Node-RED unavailable, its side is skipped (nodeRedPerSec: null): ${nodeRedInstall.error}`);
  } else {
    nodeRed = await startNodeRed(nodeRedInstall.red, peerPortal.url);
    console.log(`node-red ${nodeRedInstall.version} from ${NODE_RED_DIR}`);
  }

  // Each round has its own dossier codes, so the portals never see a code twice; both sides get the same
  // dossiers. The warm-up (JIT, connection pools, mapping caches) is not counted.
  let seq = 1;
  const batch = (count: number, round: number): Dossier[] => {
    const made = makeDossiers(count, seq, 0x5eed + round);
    seq += count;
    return made;
  };
  const warm = batch(WARMUP_DOSSIERS, 0);
  await runOurs(gateway, oursPortal, warm);
  if (nodeRed) await runNodeRed(nodeRed, peerPortal, warm);

  const ours: Outcome[] = [];
  const peer: Outcome[] = [];
  const describe = (o: Outcome) =>
    `${o.perSec.toFixed(0)}/s (pushes answered at ${o.acceptedPerSec.toFixed(0)}/s, ` +
    `p50 ${percentile(sorted(o.latencies), 0.5)} ms, CPU ${o.cpu === undefined ? '?' : Math.round(o.cpu * 100)}% ` +
    `+ driver ${Math.round((o.driverCpu ?? 0) * 100)}%)`;
  for (let r = 1; r <= ROUNDS; r++) {
    const dossiers = batch(perRound, r);
    // Alternate who goes first, so that a drift of the machine's speed hits both sides alike.
    const peerFirst = nodeRed !== undefined && r % 2 === 0;
    if (nodeRed && peerFirst) peer.push(await runNodeRed(nodeRed, peerPortal, dossiers));
    ours.push(await runOurs(gateway, oursPortal, dossiers));
    if (nodeRed && !peerFirst) peer.push(await runNodeRed(nodeRed, peerPortal, dossiers));
    const o = ours[r - 1];
    const p = peer[r - 1];
    console.log(
      `round ${r}: LienThong ${describe(o)}` +
        (p ? `; Node-RED ${describe(p)}; ratio ${(o.perSec / p.perSec).toFixed(3)}` : ''),
    );
  }

  const refusals = (sim: RunningDvcqgSimulator) => JSON.stringify(sim.simulator.state.summary().rejections);
  console.log(
    `portal refusals: LienThong ${refusals(oursPortal)}` +
      (nodeRed ? `, Node-RED ${refusals(peerPortal)}` : ''),
  );
  const s = summary(ours);
  const n = peer.length > 0 ? summary(peer) : undefined;
  const total = CHANGES * ROUNDS;
  const cells = (...xs: string[]) =>
    xs[0].padEnd(44) +
    xs
      .slice(1)
      .map((x) => x.padStart(11))
      .join('');
  const row = (name: string, x: ReturnType<typeof summary>) =>
    cells(name, x.perSec.toFixed(1), String(x.p50), String(x.p99), `${x.received}/${total}`);
  console.log('');
  console.log(cells('iGate change -> DVCQG DongBoHoSoMC', 'changes/s', 'p50 ms', 'p99 ms', 'received'));
  console.log(row('LienThong (durable: lookup, sync, progress)', s));
  if (n) console.log(row('Node-RED 4 (sync only, no durability)', n));
  else console.log(cells('Node-RED 4 (not installed)', 'n/a', 'n/a', 'n/a', 'n/a'));
  if (n) console.log(`ratio LienThong / Node-RED: ${(s.perSec / n.perSec).toFixed(3)}`);
  console.log(
    JSON.stringify({
      oursPerSec: round1(s.perSec),
      p50Ms: s.p50,
      p99Ms: s.p99,
      nodeRedPerSec: n ? round1(n.perSec) : null,
      ratio: n ? Math.round((s.perSec / n.perSec) * 1000) / 1000 : null,
      nodeRedP50Ms: n ? n.p50 : null,
      nodeRedP99Ms: n ? n.p99 : null,
      nodeRedLost: n ? n.lost : null,
      changes: CHANGES,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
    }),
  );
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
