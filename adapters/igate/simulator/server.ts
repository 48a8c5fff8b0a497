import { startSimulatorServer } from '../../../src/simulator/start';
import type { ListenOptions, RunningSimulator } from '../../../src/simulator/start';
import { createIgateSimulator } from './router';
import type { IgateSimulator, IgateSimulatorOptions } from './router';
import { startTrickle } from './trickle';
import type { TrickleOptions } from './trickle';

/** Options of {@link startIgateSimulator}. */
export interface StartIgateOptions extends IgateSimulatorOptions, ListenOptions {
  /** Starts the steady flow of dossiers (see `trickle.ts`); off by default. */
  trickle?: TrickleOptions;
}

/** The simulator on its own server; `url` serves both as the SSO host and the API host. */
export type RunningIgateSimulator = RunningSimulator<IgateSimulator>;

/** Starts the simulator on its own HTTP server (tests, the standalone `main.ts`). */
export async function startIgateSimulator(options: StartIgateOptions = {}): Promise<RunningIgateSimulator> {
  const { trickle: trickleOptions, ...rest } = options;
  const running = await startSimulatorServer(createIgateSimulator, rest);
  if (!trickleOptions) return running;
  const trickle = startTrickle(running.simulator, trickleOptions);
  return {
    ...running,
    close: async () => {
      trickle.stop();
      await running.close();
    },
  };
}
