import { startSimulatorServer } from '../../../src/simulator/start';
import type { ListenOptions } from '../../../src/simulator/start';
import { createWebhookSimulator } from './router';
import type { WebhookSimulatorOptions } from './router';
import type { WebhookFaults } from './faults';
import type { WebhookSimulatorState } from './state';

/** Options of {@link startWebhookSimulator}: the receiver's, and where it listens. */
export type StartOptions = WebhookSimulatorOptions & ListenOptions;

export interface RunningWebhookSimulator {
  /** Base URL to configure as the webhook target's `baseUrl`, e.g. `http://127.0.0.1:9090`. */
  url: string;
  port: number;
  state: WebhookSimulatorState;
  setFaults(faults: WebhookFaults): WebhookFaults;
  close(): Promise<void>;
}

/** Starts the receiver on its own HTTP server (tests, the standalone `main.ts`). */
export async function startWebhookSimulator(options: StartOptions = {}): Promise<RunningWebhookSimulator> {
  const { simulator, ...running } = await startSimulatorServer(createWebhookSimulator, options);
  return { ...running, state: simulator.state, setFaults: simulator.setFaults };
}
