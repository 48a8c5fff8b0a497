/**
 * `npm run bench:delivery`: N dossier events (10 per dossier) through the whole delivery path — dossier
 * change + event + outbox row in one transaction, hand-off to BullMQ, worker with lease and attempt log,
 * HTTP POST to a local receiver, hand-over to the dossier's next event — against, in the same run and on
 * the same Redis and receiver, raw BullMQ doing `add` + a worker that makes the same HTTP POST.
 * The last line is JSON: {"events","oursPerSec","rawBullmqPerSec","ratio",...}: throughputs are medians of
 * BENCH_ROUNDS (default 3) alternating rounds, ratio the median of the rounds' ratios. Other knobs: BENCH_CONCURRENCY, BENCH_PRODUCERS, BENCH_POOL, DATABASE_URL,
 * REDIS_URL.
 */
import os from 'node:os';
import { Queue, Worker } from 'bullmq';
import type { ConnectionOptions } from 'bullmq';
import { createWebhookAdapter } from '../adapters/webhook/client';
import type { RetryPolicy } from '../src/adapter/contract';
import { DossierService } from '../src/dossier/service';
import { silentLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { DeliveryEngine } from '../src/queue/engine';
import { redisConnectionOptions } from '../src/redis';
import { openDb } from '../src/store';
import { SAMPLE_LIFE, pool, scratchDatabase, startCountingReceiver, waitFor } from './support';

const N = Number(process.argv[2] ?? process.env.BENCH_EVENTS ?? 10_000);
const PER_DOSSIER = 10;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const policy: RetryPolicy = {
  attempts: 5,
  backoff: { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.2 },
  timeoutMs: 5000,
  circuitBreaker: { failureThreshold: 50, openMs: 1000 },
};

function dossier(code: string): Record<string, unknown> {
  return {
    code,
    status: 'registered',
    procedure: { nationalCode: '1.001612' },
    agency: { id: '000.00.53.H48', level: 'district' },
    applicant: { kind: 'citizen', name: 'Nguyễn Văn A' },
    channel: 'online',
    times: {},
    resultReturn: { method: 'counter' },
  };
}

async function runOurs(
  connection: ConnectionOptions,
  receiverUrl: string,
  unique: () => number,
): Promise<number> {
  const scratch = await scratchDatabase(DATABASE_URL);
  const db = await openDb({
    databaseUrl: scratch.url,
    dataDir: os.tmpdir(),
    poolSize: Number(process.env.BENCH_POOL ?? 40),
  });
  const adapter = createWebhookAdapter(
    { baseUrl: receiverUrl, subscribe: ['vn.lienthong.dossier.*'] },
    { logger: silentLogger },
  );
  const engine = new DeliveryEngine({
    db,
    connection,
    prefix: `ltbench${Date.now().toString(36)}`,
    targets: [{ adapter, policy }],
    metrics: createMetrics({ defaultMetrics: false }),
    logger: silentLogger,
    concurrency: CONCURRENCY,
    sweepIntervalMs: 1000,
  });
  const service = new DossierService(db, engine, silentLogger);
  engine.start();
  const dossiers = N / PER_DOSSIER;
  const before = unique();
  const started = process.hrtime.bigint();
  await pool(dossiers, PRODUCERS, async (i) => {
    const code = `000.00.53.H48-991231-${String(i).padStart(5, '0')}`;
    await service.create(dossier(code), 'bench');
    for (const to of SAMPLE_LIFE) await service.transition(code, { to }, 'bench');
  });
  const produced = Number(process.hrtime.bigint() - started) / 1e9;
  await waitFor('our deliveries', () => unique() - before >= N, 600_000, 5);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `  (all ${N} events written in ${produced.toFixed(1)} s, all delivered after ${seconds.toFixed(1)} s)`,
  );
  await engine.obliterate();
  await engine.stop(5000);
  await db.close();
  await scratch.drop();
  return N / seconds;
}

async function runRaw(
  connection: ConnectionOptions,
  receiverUrl: string,
  unique: () => number,
  http: boolean,
): Promise<number> {
  const name = `rawbench${Date.now().toString(36)}`;
  const prefix = `ltbench${Date.now().toString(36)}`;
  const queue = new Queue(name, { connection, prefix });
  const adapter = createWebhookAdapter({ baseUrl: receiverUrl, subscribe: ['*'] }, { logger: silentLogger });
  let processed = 0;
  const worker = new Worker(
    name,
    async (job) => {
      if (http) {
        await adapter.deliver(
          {
            messageId: job.id as string,
            dossierCode: job.data.code,
            target: 'raw',
            seq: job.data.seq,
            eventType: 'raw',
            payload: job.data.payload,
            attempt: 1,
          },
          { logger: silentLogger, timeoutMs: 5000, signal: new AbortController().signal },
        );
      }
      processed += 1;
    },
    { connection, prefix, concurrency: CONCURRENCY },
  );
  const before = unique();
  const started = process.hrtime.bigint();
  await pool(N, PRODUCERS, async (i) => {
    await queue.add(
      'deliver',
      { code: `D${Math.floor(i / PER_DOSSIER)}`, seq: (i % PER_DOSSIER) + 1, payload: dossier(`D${i}`) },
      {
        jobId: `raw-${prefix}-${i}`,
        attempts: policy.attempts,
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  });
  await waitFor('raw BullMQ jobs', () => processed >= N && (!http || unique() - before >= N), 600_000, 5);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await adapter.close?.();
  return N / seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  if (N % PER_DOSSIER !== 0) throw new Error(`events must be a multiple of ${PER_DOSSIER}`);
  const connection = redisConnectionOptions(REDIS_URL) as ConnectionOptions;
  const receiver = await startCountingReceiver();
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );
  console.log(
    `events: ${N} (${N / PER_DOSSIER} dossiers x ${PER_DOSSIER}), worker concurrency ${CONCURRENCY}, producers ${PRODUCERS}, rounds ${ROUNDS}`,
  );
  // Rounds alternate the runs so that a noisy neighbour on a shared machine hits both sides alike; the
  // result is the median of each side.
  const skipRaw = process.env.BENCH_ONLY === 'ours'; // for profiling our path alone
  const raw: number[] = [];
  const noop: number[] = [];
  const ours: number[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    if (!skipRaw) {
      raw.push(await runRaw(connection, receiver.url, receiver.unique, true));
      noop.push(await runRaw(connection, receiver.url, receiver.unique, false));
    }
    ours.push(await runOurs(connection, receiver.url, receiver.unique));
    console.log(
      `round ${r}: raw BullMQ add + worker POST ${raw[r - 1]?.toFixed(0)}/s, raw BullMQ no-op worker ` +
        `${noop[r - 1]?.toFixed(0)}/s, LienThong outbox -> queue -> POST ${ours[r - 1].toFixed(0)}/s` +
        ` (ratio ${(ours[r - 1] / raw[r - 1]).toFixed(3)})`,
    );
  }
  await receiver.close();
  const oursPerSec = median(ours);
  const rawBullmqPerSec = skipRaw ? NaN : median(raw);
  const rawNoopPerSec = skipRaw ? NaN : median(noop);
  console.log(
    JSON.stringify({
      events: N,
      oursPerSec: round1(oursPerSec),
      rawBullmqPerSec: round1(rawBullmqPerSec),
      // Each round pairs runs made minutes apart at most; on a machine whose speed drifts (shared host),
      // the median of the rounds' own ratios is steadier than the ratio of medians, also reported.
      ratio: Math.round(median(ours.map((o, k) => o / raw[k])) * 1000) / 1000,
      ratioOfMedians: Math.round((oursPerSec / rawBullmqPerSec) * 1000) / 1000,
      rawBullmqNoopPerSec: round1(rawNoopPerSec),
      ratioVsNoop: Math.round((oursPerSec / rawNoopPerSec) * 1000) / 1000,
      rounds: ROUNDS,
    }),
  );
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
