import type { Router } from 'express';
import type { Logger } from 'pino';
import { createDvcqgSimulator, generateNationalDossier } from '../../adapters/dvcqg/simulator';
import { createIgateSimulator, startTrickle } from '../../adapters/igate/simulator';
import { createWebhookSimulator } from '../../adapters/webhook/simulator';
import path from 'node:path';
import { createVxpSimulator } from '../../adapters/idesk/simulator';
import { SANDBOX_EXCHANGE, SANDBOX_OPERATOR_KEY } from '../config/defaults';
import { ensureSandboxPki } from './pki';
import { startRemoteAgency } from './remote-agency';
import { startTransfers } from './transfers';
import { DAY_MS, VN_OFFSET_MS } from '../time';
import { mulberry32 } from '../simulator/random';

/** How often the sandbox's iGate gets a new or moved dossier; `LIENTHONG_SANDBOX_TRICKLE_MS=0` stops it. */
export const DEFAULT_TRICKLE_MS = 1500;
/** How often a citizen submits a dossier on the sandbox's national portal, in iGate trickle ticks. */
const NATIONAL_EVERY = 8;
/** How often an official transfers a dossier in processing to the province, in iGate trickle ticks. */
const TRANSFER_EVERY = 6;

export interface Sandbox {
  routers: Array<{ path: string; router: Router }>;
  /** Starts the steady flow of dossiers once the gateway listens on `url`. */
  start(url: string): void;
  stop(): void;
}

/**
 * The simulators a newcomer's `npm start` runs against, mounted on the gateway's own server under
 * `/sandbox`: iGate (with a trickle of realistic dossiers moving through their lives), the national portal
 * (strict, and now and then a citizen submitting a dossier there, pushed to the gateway as the portal
 * would), the webhook receiver, and the document exchange axis with the province's iDesk on the far side
 * (now and then a dossier in processing is transferred there and the province answers).
 */
/**
 * Where the simulators' daily code sequences start: by time of day (0–9999 over 24 h), so a sandbox restarted
 * the same day on its kept database (./data) does not reuse the codes of dossiers it already holds. The
 * trickle makes far fewer than one code per 8.6 s, so the earlier run stays below where the next one starts.
 */
function sequenceStart(now = Date.now()): number {
  return Math.floor(((now + VN_OFFSET_MS) % DAY_MS) / (DAY_MS / 10_000));
}

export function createSandbox(
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  options: { dataDir?: string } = {},
): Sandbox {
  const firstSequence = sequenceStart();
  const igate = createIgateSimulator({ firstSequence });
  const dvcqg = createDvcqgSimulator();
  const webhook = createWebhookSimulator();
  const vxp = createVxpSimulator({
    systems: [
      {
        systemId: SANDBOX_EXCHANGE.systemId,
        secrets: [SANDBOX_EXCHANGE.secret],
        agencies: SANDBOX_EXCHANGE.agencies,
      },
      {
        systemId: SANDBOX_EXCHANGE.remote.systemId,
        secrets: [SANDBOX_EXCHANGE.remote.secret],
        agencies: [SANDBOX_EXCHANGE.remote.agency],
      },
    ],
  });
  let remote: { stop(): void } | undefined;
  let transfers: { stop(): void } | undefined;
  const trickleMs =
    env.LIENTHONG_SANDBOX_TRICKLE_MS === undefined
      ? DEFAULT_TRICKLE_MS
      : Number(env.LIENTHONG_SANDBOX_TRICKLE_MS);
  let trickle: { stop(): void } | undefined;
  let national: NodeJS.Timeout | undefined;
  return {
    routers: [
      { path: '/igate', router: igate.router },
      { path: '/dvcqg', router: dvcqg.router },
      { path: '/webhook', router: webhook.router },
      { path: '/vxp', router: vxp.router },
    ],
    start(url) {
      if (!(trickleMs > 0) || national) return; // started once
      trickle = startTrickle(igate, { intervalMs: trickleMs });
      const rand = mulberry32(Date.now() >>> 0);
      let seq = firstSequence;
      national = setInterval(() => {
        const dossier = generateNationalDossier(rand, new Date(), ++seq);
        fetch(`${url}/inbound/dvcqg/dossiers`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-API-Key': SANDBOX_OPERATOR_KEY },
          body: JSON.stringify(dossier),
        }).catch((err: Error) => logger.debug({ err: err.message }, 'sandbox national submission failed'));
      }, trickleMs * NATIONAL_EVERY);
      national.unref();
      if (options.dataDir) {
        const { remote: identity } = ensureSandboxPki(path.join(options.dataDir, 'sandbox-pki'));
        const { agency, name, systemId, secret } = SANDBOX_EXCHANGE.remote;
        remote = startRemoteAgency({
          endpoint: `${url}/sandbox/vxp`,
          systemId,
          secret,
          agency: { id: agency, name },
          identity,
          logger,
        });
        transfers = startTransfers({
          url,
          to: { id: agency, name },
          every: trickleMs * TRANSFER_EVERY,
          logger,
        });
      }
    },
    stop() {
      trickle?.stop();
      if (national) clearInterval(national);
      igate.close();
      dvcqg.close();
      webhook.close();
      remote?.stop();
      transfers?.stop();
      vxp.close();
    },
  };
}
