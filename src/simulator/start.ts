import type { Express } from 'express';
import { listen } from './listen';

/** Where a simulator listens when it runs on its own HTTP server. */
export interface ListenOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** @defaultValue '127.0.0.1' (a sandbox simulator is never exposed beyond the machine unless asked) */
  host?: string;
}

/** What {@link startSimulatorServer} needs of a simulator: an app to serve and a way to let go of it. */
export interface ServableSimulator {
  app: Express;
  /** Releases what the simulator holds (delayed answers), so that its server can close at once. */
  close(): void;
}

/** A simulator listening on its own HTTP server. */
export interface RunningSimulator<S> {
  /** Base URL, e.g. `http://127.0.0.1:9091`. */
  url: string;
  port: number;
  simulator: S;
  /** Releases the simulator's held requests, then stops the server. */
  close(): Promise<void>;
}

/**
 * Creates a simulator from `options` (less `port` and `host`) and serves its app on its own HTTP server
 * (tests, the standalone `main.ts` of each simulator).
 */
export async function startSimulatorServer<O extends object, S extends ServableSimulator>(
  create: (options: O) => S,
  options: O & ListenOptions,
): Promise<RunningSimulator<S>> {
  const { port = 0, host = '127.0.0.1', ...simulatorOptions } = options;
  // The rest of `O & ListenOptions` less the listen keys is `O` again; TypeScript cannot see it for a generic.
  const simulator = create(simulatorOptions as O);
  const server = await listen(simulator.app, port, host);
  return {
    url: server.url,
    port: server.port,
    simulator,
    // A closure, not a method using `this`: callers spread the result into their own shapes.
    close: async () => {
      simulator.close();
      await server.close();
    },
  };
}
