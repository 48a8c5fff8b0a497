import { listen } from '../../../src/simulator/listen';
import { createDvcqgSimulator } from './router';
import type { DvcqgSimulator, DvcqgSimulatorOptions } from './router';

export interface StartDvcqgOptions extends DvcqgSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** @defaultValue '127.0.0.1' (the sandbox portal is never exposed beyond the machine unless asked) */
  host?: string;
}

export interface RunningDvcqgSimulator {
  /** Base URL to configure as `systems.dvcqg.baseUrl`, e.g. `http://127.0.0.1:9091`. */
  url: string;
  port: number;
  simulator: DvcqgSimulator;
  close(): Promise<void>;
}

/** Starts the simulated portal on its own HTTP server (tests, the standalone `main.ts`). */
export async function startDvcqgSimulator(options: StartDvcqgOptions = {}): Promise<RunningDvcqgSimulator> {
  const { port = 0, host = '127.0.0.1', ...simulatorOptions } = options;
  const simulator = createDvcqgSimulator(simulatorOptions);
  const server = await listen(simulator.app, port, host);
  return {
    url: server.url,
    port: server.port,
    simulator,
    async close() {
      simulator.close();
      await server.close();
    },
  };
}
