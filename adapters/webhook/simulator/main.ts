import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { parseFaults } from './faults';
import { startWebhookSimulator } from './server';
import type { RunningWebhookSimulator, StartOptions } from './server';

/**
 * The webhook receiver as its own process, so that a test or a benchmark can keep it apart from the
 * gateway under load:
 *
 *     node dist/adapters/webhook/simulator/main.js --port 9090 --failure-rate 0.2 --seed 7
 *
 * Prints one JSON line `{"event":"listening","url":...,"port":...}` on stdout once ready (useful with
 * `--port 0`), and stops on SIGTERM or SIGINT. The signing secret comes from the environment
 * (LIENTHONG_WEBHOOK_SECRET) rather than the command line, where other users could read it.
 */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): StartOptions {
  const program = new Command('webhook-simulator')
    .exitOverride()
    .option('--port <n>', 'port to listen on (0 = any free port)', integer, 9090)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--failure-rate <p>', 'answer 500/502/503 with this probability', rate)
    .option('--timeout-rate <p>', 'record, then answer too late, with this probability', rate)
    .option('--timeout-ms <ms>', 'how late a late answer is', integer)
    .option('--latency-ms <ms>', 'fixed delay before every answer', integer)
    .option('--reject-rate <p>', 'answer 422 with this probability', rate)
    .option('--reject-subjects <codes>', 'comma-separated dossier codes always answered 422', list)
    .option('--rate-limit-rate <p>', 'answer 429 with this probability', rate)
    .option('--retry-after-seconds <s>', 'Retry-After of 429 and outage answers', integer)
    .option('--outage', 'answer every request 503')
    .option('--seed <n>', 'seed of the fault dice (reproducible runs)', integer);
  program.parse(argv, { from: 'user' });
  const { port, host, ...faults } = program.opts<Record<string, unknown> & { port: number; host: string }>();
  const secret = env.LIENTHONG_WEBHOOK_SECRET;
  return { port, host, ...parseFaults(faults), ...(secret ? { secret } : {}) };
}

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('a non-negative integer');
  return Number(value);
}

function rate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('a number from 0 to 1');
  return n;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function main(argv: string[]): Promise<RunningWebhookSimulator> {
  const running = await startWebhookSimulator(parseArgs(argv));
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: running.url, port: running.port })}\n`);
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return running;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    // Commander has already printed usage or the bad option.
    if (err instanceof CommanderError) process.exit(err.exitCode);
    console.error(`webhook simulator: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
