import type { Command } from 'commander';
import { createDvcqgSimulator } from '../../adapters/dvcqg/simulator';
import { createIgateSimulator, startTrickle } from '../../adapters/igate/simulator';
import { DEFAULT_TRICKLE_MS } from '../sandbox';
import { integerArg } from '../simulator/cli-args';
import { listen, simulatorApp } from '../simulator/listen';

export interface SimulatorsOptions {
  /** 0 picks a free port. @defaultValue 9090 */
  port?: number;
  /** @defaultValue '127.0.0.1' (never exposed beyond the machine unless asked) */
  host?: string;
  /** Time between trickle ticks; 0 or undefined = no trickle. */
  trickleMs?: number;
}

export interface RunningSimulators {
  /** Base URL of the iGate simulator (SSO and API host), e.g. `http://127.0.0.1:9090/igate`. */
  igate: string;
  /** Base URL of the national portal simulator, to configure as `systems.dvcqg.baseUrl`. */
  dvcqg: string;
  close(): Promise<void>;
}

/**
 * The iGate and DVCQG simulators on ONE server and port, under `/igate` and `/dvcqg`, as the sandbox mounts
 * them on the gateway: one port to open, one process to stop. Each router is self-contained (its own body
 * parsing, auth, faults, 404s), so mounting it under a prefix changes nothing but the base URL.
 */
export async function startSimulators(options: SimulatorsOptions = {}): Promise<RunningSimulators> {
  const { port = 9090, host = '127.0.0.1', trickleMs } = options;
  const igate = createIgateSimulator();
  const dvcqg = createDvcqgSimulator();
  const server = await listen(simulatorApp({ '/igate': igate.router, '/dvcqg': dvcqg.router }), port, host);
  const trickle = trickleMs ? startTrickle(igate, { intervalMs: trickleMs }) : undefined;
  return {
    igate: `${server.url}/igate`,
    dvcqg: `${server.url}/dvcqg`,
    async close() {
      trickle?.stop();
      igate.close();
      dvcqg.close();
      await server.close();
    },
  };
}

export function registerSimulatorCommands(program: Command): void {
  program
    .command('simulators')
    .description(
      'run the iGate (with a trickle of dossiers) and DVCQG simulators on one port, under /igate and /dvcqg; ' +
        'prints {"event":"listening","igate":<url>,"dvcqg":<url>} and runs until SIGTERM or SIGINT',
    )
    .option('--port <n>', 'port to listen on (0 = any free port)', integerArg, 9090)
    .option('--host <h>', 'address to bind', '127.0.0.1')
    .option('--trickle-ms <ms>', 'a new or moved iGate dossier every <ms>', integerArg, DEFAULT_TRICKLE_MS)
    .option('--no-trickle', 'no trickle: iGate holds only the dossiers you create')
    .action(async (o: { port: number; host: string; trickleMs: number; trickle: boolean }) => {
      const running = await startSimulators({
        port: o.port,
        host: o.host,
        trickleMs: o.trickle ? o.trickleMs : 0,
      });
      console.log(JSON.stringify({ event: 'listening', igate: running.igate, dvcqg: running.dvcqg }));
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      await running.close();
      console.log(JSON.stringify({ event: 'closed', signal }));
    });
}
