import os from 'node:os';
import path from 'node:path';
import { ensureSandboxPki } from '../sandbox/pki';
import type { GatewayConfig } from './types';

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
      // The document exchange with a simulated province (its axis and its iDesk run in the sandbox); the
      // endpoint and the signing files are filled in once the port and the data folder are known.
      idesk: {
        enabled: true,
        agencies: SANDBOX_EXCHANGE.agencies,
        vxp: {
          endpoint: 'http://127.0.0.1/sandbox/vxp',
          systemId: SANDBOX_EXCHANGE.systemId,
          secret: SANDBOX_EXCHANGE.secret,
        },
        signing: { keyFile: 'sandbox-pki/gateway.key', certificateFile: 'sandbox-pki/gateway.pem' },
        poll: { intervalMs: 1000 },
      },
    },
  };
}

/**
 * The sandbox's side of the exchange: the agencies of the shipped registry the gateway speaks for, and the
 * province (000.00.00.H48) played by the sandbox's simulated iDesk. Test secrets, never production ones.
 */
export const SANDBOX_EXCHANGE = {
  agencies: ['000.00.53.H48', '000.01.53.H48', '000.02.53.H48', '000.12.00.H48'],
  systemId: 'vxp.saas.01',
  secret: 'sandbox-secret-01',
  remote: {
    agency: '000.00.00.H48',
    name: 'UBND tỉnh Quảng Ngãi',
    systemId: 'vxp.saas.02',
    secret: 'sandbox-secret-02',
  },
};

/** Points the sandbox's exchange at its axis and at the sandbox PKI (made under the data folder once). */
export function applySandboxExchange(config: GatewayConfig): void {
  const idesk = config.systems.idesk as Record<string, unknown> | undefined;
  if (!idesk) return;
  const pki = ensureSandboxPki(path.join(config.gateway.dataDir, 'sandbox-pki'));
  config.trust = { ...config.trust, anchorsDir: pki.anchorsDir };
  idesk.vxp = { ...(idesk.vxp as object), endpoint: sandboxUrl(config.http.port, 'vxp') };
  idesk.signing = { keyFile: pki.gateway.keyFile, certificateFile: pki.gateway.certificateFile };
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
