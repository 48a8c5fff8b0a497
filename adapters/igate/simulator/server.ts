import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIgateSimulator } from './router';
import type { IgateSimulator, IgateSimulatorOptions } from './router';
import { startTrickle } from './trickle';
import type { Trickle, TrickleOptions } from './trickle';

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
  trickle?: Trickle;
  close(): Promise<void>;
}

/** Starts the simulator on its own HTTP server (tests, the standalone `main.ts`). */
export async function startIgateSimulator(options: StartIgateOptions = {}): Promise<RunningIgateSimulator> {
  const { port = 0, host = '127.0.0.1', trickle: trickleOptions, ...simulatorOptions } = options;
  const simulator = createIgateSimulator(simulatorOptions);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = simulator.app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const trickle = trickleOptions ? startTrickle(simulator, trickleOptions) : undefined;
  const actual = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actual}`,
    port: actual,
    simulator,
    trickle,
    async close() {
      trickle?.stop();
      simulator.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Clients keep connections alive; close() alone would wait for them to idle out.
        server.closeAllConnections();
      });
    },
  };
}
