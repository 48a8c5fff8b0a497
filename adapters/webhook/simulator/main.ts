import { Command } from 'commander';
import { integerArg, listArg, rateArg } from '../../../src/simulator/cli-args';
import { runMain, serveUntilSignal } from '../../../src/simulator/main-runner';
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
    .option('--port <n>', 'port to listen on (0 = any free port)', integerArg, 9090)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--failure-rate <p>', 'answer 500/502/503 with this probability', rateArg)
    .option('--timeout-rate <p>', 'record, then answer too late, with this probability', rateArg)
    .option('--timeout-ms <ms>', 'how late a late answer is', integerArg)
    .option('--latency-ms <ms>', 'fixed delay before every answer', integerArg)
    .option('--reject-rate <p>', 'answer 422 with this probability', rateArg)
    .option('--reject-subjects <codes>', 'comma-separated dossier codes always answered 422', listArg)
    .option('--rate-limit-rate <p>', 'answer 429 with this probability', rateArg)
    .option('--retry-after-seconds <s>', 'Retry-After of 429 and outage answers', integerArg)
    .option('--outage', 'answer every request 503')
    .option('--seed <n>', 'seed of the fault dice (reproducible runs)', integerArg);
  program.parse(argv, { from: 'user' });
  const { port, host, ...faults } = program.opts<Record<string, unknown> & { port: number; host: string }>();
  const secret = env.LIENTHONG_WEBHOOK_SECRET;
  return { port, host, ...parseFaults(faults), ...(secret ? { secret } : {}) };
}

export async function main(argv: string[]): Promise<RunningWebhookSimulator> {
  return serveUntilSignal(await startWebhookSimulator(parseArgs(argv)));
}

if (require.main === module) runMain('webhook simulator', main);
