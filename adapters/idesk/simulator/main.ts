import { Command } from 'commander';
import { integerArg, rateArg } from '../../../src/simulator/cli-args';
import { runMain, serveUntilSignal } from '../../../src/simulator/main-runner';
import { parseVxpFaults } from './faults';
import { startVxpSimulator } from './server';
import type { RunningVxpSimulator, StartVxpOptions } from './server';
import type { VxpSimSystem } from './state';

/**
 * The simulated VXP axis as its own process, for the sandbox and benchmarks:
 *
 *     node dist/adapters/idesk/simulator/main.js --port 9095 --error-rate 0.05 --seed 7
 *
 * Prints one JSON line `{"event":"listening","url":...,"port":...}` on stdout once ready, and stops on
 * SIGTERM or SIGINT. The connected systems and their secrets come from the environment
 * (LIENTHONG_VXP_SYSTEMS, a JSON array of `{systemId, secrets, agencies}`), not the command line, where
 * other users could read them; without it the sandbox's two test systems are used.
 */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): StartVxpOptions {
  const program = new Command('vxp-simulator')
    .exitOverride()
    .option('--port <n>', 'port to listen on (0 = any free port)', integerArg, 9095)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option(
      '--timestamp-tolerance-ms <ms>',
      'refuse signed timestamps further than this from now',
      integerArg,
    )
    .option('--error-rate <p>', 'answer 500/502/503 with this probability', rateArg)
    .option('--latency-ms <ms>', 'fixed delay before every answer', integerArg)
    .option('--outage', 'answer every axis request 503')
    .option('--seed <n>', 'seed of the fault dice (reproducible runs)', integerArg);
  program.parse(argv, { from: 'user' });
  const { port, host, timestampToleranceMs, ...faults } = program.opts<
    Record<string, unknown> & { port: number; host: string; timestampToleranceMs?: number }
  >();
  return {
    port,
    host,
    ...(timestampToleranceMs !== undefined ? { timestampToleranceMs } : {}),
    ...parseVxpFaults(faults),
    ...(env.LIENTHONG_VXP_SYSTEMS ? { systems: parseSystems(env.LIENTHONG_VXP_SYSTEMS) } : {}),
  };
}

function parseSystems(text: string): VxpSimSystem[] {
  const value: unknown = JSON.parse(text);
  const valid =
    Array.isArray(value) &&
    value.every((s: Partial<VxpSimSystem> | null) => {
      const strings = (a: unknown): boolean =>
        Array.isArray(a) && a.every((x) => typeof x === 'string' && x !== '');
      return typeof s?.systemId === 'string' && strings(s.secrets) && strings(s.agencies);
    });
  if (!valid)
    throw new Error('LIENTHONG_VXP_SYSTEMS: a JSON array of {systemId, secrets: [..], agencies: [..]}');
  return value as VxpSimSystem[];
}

export async function main(argv: string[]): Promise<RunningVxpSimulator> {
  return serveUntilSignal(await startVxpSimulator(parseArgs(argv)));
}

if (require.main === module) runMain('vxp simulator', main);
