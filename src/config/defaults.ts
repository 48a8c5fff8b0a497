import os from 'node:os';

/**
 * The configuration used when there is no file: every system points at its in-process simulator, a fixed
 * operator key lets a newcomer try every endpoint, and retries come quickly so that failures can be watched.
 * Never for production: the key is public.
 */
export const SANDBOX_OPERATOR_KEY = 'sandbox-operator-key';

/** The raw sandbox document, validated like a file (so schema defaults fill the rest). */
export function sandboxDocument(): Record<string, unknown> {
  return {
    sandbox: true,
    auth: {
      anonymousRole: 'viewer',
      apiKeys: [{ name: 'sandbox-operator', key: SANDBOX_OPERATOR_KEY, role: 'operator' }],
    },
    delivery: { policy: { backoff: { initialMs: 500, maxMs: 10000 } } },
    systems: {
      webhook: { enabled: true },
      // iGate and the national portal are the in-process simulators (credentials are the simulators' own).
      igate: {
        enabled: true,
        clientId: 'lienthong',
        clientSecret: 'sandbox-secret',
        poll: { intervalMs: 2000, pageSize: 100 },
      },
      dvcqg: { enabled: true, username: 'lienthong', password: 'sandbox-password', dstcode: 'DVCQG' },
    },
  };
}

/** URL of a simulator mounted on the gateway's own HTTP server. */
export function sandboxUrl(port: number, system: string): string {
  return `http://127.0.0.1:${port}/sandbox/${system}`;
}

/** URL of the webhook simulator mounted on the gateway's own HTTP server. */
export function sandboxWebhookUrl(port: number): string {
  return `http://127.0.0.1:${port}/sandbox/webhook/events`;
}

/** Unique per process on one host, stable for the life of the process. */
export function defaultInstanceId(): string {
  return `${os.hostname()}-${process.pid}`;
}
