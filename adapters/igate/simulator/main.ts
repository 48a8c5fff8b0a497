import { Command, InvalidArgumentError } from 'commander';
import { integerArg, rateArg } from '../../../src/simulator/cli-args';
import { runMain, serveUntilSignal } from '../../../src/simulator/main-runner';
import { mulberry32 } from '../../../src/simulator/random';
import { parseIgateFaults } from './faults';
import { startIgateSimulator } from './server';
import type { RunningIgateSimulator, StartIgateOptions } from './server';

/**
 * The iGate simulator as its own process, for the sandbox and for benchmarks that keep it apart from the
 * gateway under load:
 *
 *     node dist/adapters/igate/simulator/main.js --port 9091 --trickle-ms 2000 --error-rate 0.05 --seed 7
 *
 * Prints one JSON line `{"event":"listening","url":...,"port":...}` on stdout once ready, and stops on
 * SIGTERM or SIGINT. Credentials come from the environment (LIENTHONG_IGATE_CLIENT_ID/_CLIENT_SECRET,
 * LIENTHONG_IGATE_USERNAME/_PASSWORD), not the command line, where other users could read them.
 */
interface Flags {
  port: number;
  host: string;
  tokenTtl?: number;
  errorRate?: number;
  latencyMs?: number;
  outage?: boolean;
  outageWindow: Array<{ from: string; to: string }>;
  seed?: number;
  trickleMs: number;
  trickleMax?: number;
  trickleSeed?: number;
}

/** Reads the command line (faults, trickle) and the environment (credentials) into start options. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): StartIgateOptions {
  const program = new Command('igate-simulator')
    .exitOverride()
    .option('--port <n>', 'port to listen on (0 = any free port)', integerArg, 9091)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--token-ttl <s>', 'access token lifetime in seconds', integerArg)
    .option('--error-rate <p>', 'answer 500/502/503 with this probability', rateArg)
    .option('--latency-ms <ms>', 'fixed delay before every answer', integerArg)
    .option('--outage', 'answer every request 503')
    .option(
      '--outage-window <from/to>',
      'a planned outage between two ISO instants (repeatable)',
      windows,
      [],
    )
    .option('--seed <n>', 'seed of the fault dice (reproducible runs)', integerArg)
    .option('--trickle-ms <ms>', 'a new dossier and some progress every <ms> (0 = no trickle)', integerArg, 0)
    .option('--trickle-max <n>', 'no new dossier while this many are still moving', integerArg)
    .option('--trickle-seed <n>', 'seed of the trickle (reproducible data)', integerArg);
  program.parse(argv, { from: 'user' });
  const {
    port,
    host,
    tokenTtl,
    outageWindow,
    errorRate,
    latencyMs,
    outage,
    seed,
    trickleMs,
    trickleMax,
    trickleSeed,
  } = program.opts<Flags>();
  const outages = outageWindow.length > 0 ? outageWindow : undefined;
  const faults = parseIgateFaults({ errorRate, latencyMs, outage, seed, outages });
  const options: StartIgateOptions = { port, host, ...faults };
  if (tokenTtl !== undefined) options.tokenTtlSeconds = tokenTtl;
  if (env.LIENTHONG_IGATE_CLIENT_ID)
    options.clients = [
      { clientId: env.LIENTHONG_IGATE_CLIENT_ID, clientSecret: env.LIENTHONG_IGATE_CLIENT_SECRET },
    ];
  if (env.LIENTHONG_IGATE_USERNAME && env.LIENTHONG_IGATE_PASSWORD)
    options.users = [{ username: env.LIENTHONG_IGATE_USERNAME, password: env.LIENTHONG_IGATE_PASSWORD }];
  if (trickleMs > 0) {
    options.trickle = { intervalMs: trickleMs };
    if (trickleMax !== undefined) options.trickle.maxActive = trickleMax;
    if (trickleSeed !== undefined) options.trickle.rand = mulberry32(trickleSeed);
  }
  return options;
}

function windows(
  value: string,
  previous: Array<{ from: string; to: string }>,
): Array<{ from: string; to: string }> {
  const [from, to, ...rest] = value.split('/');
  if (!from || !to || rest.length > 0 || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)))
    throw new InvalidArgumentError('two ISO 8601 instants separated by /');
  return [...previous, { from, to }];
}

export async function main(argv: string[]): Promise<RunningIgateSimulator> {
  return serveUntilSignal(await startIgateSimulator(parseArgs(argv)));
}

if (require.main === module) runMain('igate simulator', main);
