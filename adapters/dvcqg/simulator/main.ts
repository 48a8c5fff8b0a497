import { Command } from 'commander';
import { integerArg, rateArg } from '../../../src/simulator/cli-args';
import { runMain, serveUntilSignal } from '../../../src/simulator/main-runner';
import { parseFaults } from './faults';
import { startDvcqgSimulator } from './server';
import type { RunningDvcqgSimulator, StartDvcqgOptions } from './server';

/**
 * The simulated national portal as its own process, for the sandbox and benchmarks:
 *
 *     node dist/adapters/dvcqg/simulator/main.js --port 9091 --error-rate 0.1 --seed 7
 *
 * Prints one JSON line `{"event":"listening","url":...,"port":...}` on stdout once ready (useful with
 * `--port 0`), and stops on SIGTERM or SIGINT. The login password comes from the environment
 * (LIENTHONG_DVCQG_PASSWORD) rather than the command line, where other users could read it.
 * Outage windows are set at runtime with `POST /_faults`.
 */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): StartDvcqgOptions {
  const program = new Command('dvcqg-simulator')
    .exitOverride()
    .option('--port <n>', 'port to listen on (0 = any free port)', integerArg, 9091)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--username <name>', 'the generation-1 login user')
    .option('--dstcode <code>', 'the dstcode header generation 1 requires')
    .option('--session-ttl-ms <ms>', 'session lifetime from login', integerArg)
    .option('--error-rate <p>', 'answer 500/502/503 with this probability', rateArg)
    .option(
      '--already-exists-rate <p>',
      'store a create but answer "-3 đã tồn tại" with this probability',
      rateArg,
    )
    .option('--latency-ms <ms>', 'fixed delay before every answer', integerArg)
    .option('--outage', 'answer every portal request 503')
    .option('--seed <n>', 'seed of the fault dice (reproducible runs)', integerArg);
  program.parse(argv, { from: 'user' });
  const { port, host, username, dstcode, sessionTtlMs, ...faults } = program.opts<
    Record<string, unknown> & { port: number; host: string }
  >();
  const password = env.LIENTHONG_DVCQG_PASSWORD;
  return {
    port,
    host,
    ...(typeof username === 'string' ? { username } : {}),
    ...(typeof dstcode === 'string' ? { dstcode } : {}),
    ...(typeof sessionTtlMs === 'number' ? { sessionTtlMs } : {}),
    ...parseFaults(faults),
    ...(password ? { password } : {}),
  };
}

export async function main(argv: string[]): Promise<RunningDvcqgSimulator> {
  return serveUntilSignal(await startDvcqgSimulator(parseArgs(argv)));
}

if (require.main === module) runMain('dvcqg simulator', main);
