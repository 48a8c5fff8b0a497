import { listen } from '../../../src/simulator/listen';
import { createWebhookSimulator } from './router';
import type { WebhookSimulatorOptions } from './router';
import type { WebhookFaults } from './faults';
import type { WebhookSimulatorState } from './state';

export interface StartOptions extends WebhookSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** @defaultValue '127.0.0.1' (the sandbox receiver is never exposed beyond the machine unless asked) */
  host?: string;
}

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
  const { port = 0, host = '127.0.0.1', ...simulatorOptions } = options;
  const simulator = createWebhookSimulator(simulatorOptions);
  const server = await listen(simulator.app, port, host);
  return {
    url: server.url,
    port: server.port,
    state: simulator.state,
    setFaults: simulator.setFaults,
    async close() {
      simulator.close();
      await server.close();
    },
  };
}
