import { listen } from '../../../src/simulator/listen';
import { createVxpSimulator } from './router';
import type { VxpSimulator, VxpSimulatorOptions } from './router';

export interface StartVxpOptions extends VxpSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** @defaultValue '127.0.0.1' */
  host?: string;
}

export interface RunningVxpSimulator {
  /** The axis endpoint to configure, e.g. `http://127.0.0.1:9094`. */
  url: string;
  port: number;
  simulator: VxpSimulator;
  close(): Promise<void>;
}

/** Starts the simulated axis on its own HTTP server (tests, the standalone `main.ts`). */
export async function startVxpSimulator(options: StartVxpOptions = {}): Promise<RunningVxpSimulator> {
  const { port = 0, host = '127.0.0.1', ...simulatorOptions } = options;
  const simulator = createVxpSimulator(simulatorOptions);
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
