import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  const server = await new Promise<Server>((resolve, reject) => {
    const s = simulator.app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const actual = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actual}`,
    port: actual,
    state: simulator.state,
    setFaults: simulator.setFaults,
    async close() {
      simulator.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The gateway keeps connections alive; close() alone would wait for them to idle out.
        server.closeAllConnections();
      });
    },
  };
}
