import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  const server = await new Promise<Server>((resolve, reject) => {
    const s = simulator.app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const actual = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actual}`,
    port: actual,
    simulator,
    async close() {
      simulator.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Clients keep connections alive; close() alone would wait for them to idle out.
        server.closeAllConnections();
      });
    },
  };
}
