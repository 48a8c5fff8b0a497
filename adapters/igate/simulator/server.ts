import { listen } from '../../../src/simulator/listen';
import { createIgateSimulator } from './router';
import type { IgateSimulator, IgateSimulatorOptions } from './router';
import { startTrickle } from './trickle';
import type { TrickleOptions } from './trickle';

/** Options of {@link startIgateSimulator}. */
export interface StartIgateOptions extends IgateSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** @defaultValue '127.0.0.1' (the sandbox is never exposed beyond the machine unless asked) */
  host?: string;
  /** Starts the steady flow of dossiers (see `trickle.ts`); off by default. */
  trickle?: TrickleOptions;
}

/** A simulator listening on its own HTTP server. */
export interface RunningIgateSimulator {
  /** Base URL, used both as the SSO host and the API host, e.g. `http://127.0.0.1:9091`. */
  url: string;
  port: number;
  simulator: IgateSimulator;
  close(): Promise<void>;
}

/** Starts the simulator on its own HTTP server (tests, the standalone `main.ts`). */
export async function startIgateSimulator(options: StartIgateOptions = {}): Promise<RunningIgateSimulator> {
  const { port = 0, host = '127.0.0.1', trickle: trickleOptions, ...simulatorOptions } = options;
  const simulator = createIgateSimulator(simulatorOptions);
  const server = await listen(simulator.app, port, host);
  const trickle = trickleOptions ? startTrickle(simulator, trickleOptions) : undefined;
  return {
    url: server.url,
    port: server.port,
    simulator,
    async close() {
      trickle?.stop();
      simulator.close();
      await server.close();
    },
  };
}
