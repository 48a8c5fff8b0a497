import { startSimulatorServer } from '../../../src/simulator/start';
import type { ListenOptions, RunningSimulator } from '../../../src/simulator/start';
import { createDvcqgSimulator } from './router';
import type { DvcqgSimulator, DvcqgSimulatorOptions } from './router';

/** Options of {@link startDvcqgSimulator}: the simulator's, and where it listens. */
export type StartDvcqgOptions = DvcqgSimulatorOptions & ListenOptions;

/** The simulated portal on its own server; `url` is the `systems.dvcqg.baseUrl` to configure. */
export type RunningDvcqgSimulator = RunningSimulator<DvcqgSimulator>;

/** Starts the simulated portal on its own HTTP server (tests, the standalone `main.ts`). */
export function startDvcqgSimulator(options: StartDvcqgOptions = {}): Promise<RunningDvcqgSimulator> {
  return startSimulatorServer(createDvcqgSimulator, options);
}
