import { startSimulatorServer } from '../../../src/simulator/start';
import type { ListenOptions, RunningSimulator } from '../../../src/simulator/start';
import { createVxpSimulator } from './router';
import type { VxpSimulator, VxpSimulatorOptions } from './router';

/** Options of {@link startVxpSimulator}: the simulator's, and where it listens. */
export type StartVxpOptions = VxpSimulatorOptions & ListenOptions;

/** The simulated axis on its own server; `url` is the axis endpoint to configure, e.g. `http://127.0.0.1:9094`. */
export type RunningVxpSimulator = RunningSimulator<VxpSimulator>;

/** Starts the simulated axis on its own HTTP server (tests, the standalone `main.ts`). */
export function startVxpSimulator(options: StartVxpOptions = {}): Promise<RunningVxpSimulator> {
  return startSimulatorServer(createVxpSimulator, options);
}
