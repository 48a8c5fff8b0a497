import type { Router } from 'express';
import type { Logger } from 'pino';
import { createDvcqgSimulator, generateNationalDossier } from '../adapters/dvcqg/simulator';
import { createIgateSimulator, startTrickle } from '../adapters/igate/simulator';
import { createWebhookSimulator } from '../adapters/webhook/simulator';
import { SANDBOX_OPERATOR_KEY } from './config/defaults';
import { DAY_MS, VN_OFFSET_MS } from './time';
import { mulberry32 } from './simulator/random';

/** How often the sandbox's iGate gets a new or moved dossier; `LIENTHONG_SANDBOX_TRICKLE_MS=0` stops it. */
export const DEFAULT_TRICKLE_MS = 1500;
/** How often a citizen submits a dossier on the sandbox's national portal, in iGate trickle ticks. */
const NATIONAL_EVERY = 8;

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
 * would), and the webhook receiver.
 */
/**
 * Where the simulators' daily code sequences start: by time of day (0–9999 over 24 h), so a sandbox restarted
 * the same day on its kept database (./data) does not reuse the codes of dossiers it already holds. The
 * trickle makes far fewer than one code per 8.6 s, so the earlier run stays below where the next one starts.
 */
function sequenceStart(now = Date.now()): number {
  return Math.floor(((now + VN_OFFSET_MS) % DAY_MS) / (DAY_MS / 10_000));
}

export function createSandbox(logger: Logger, env: NodeJS.ProcessEnv = process.env): Sandbox {
  const firstSequence = sequenceStart();
  const igate = createIgateSimulator({ firstSequence });
  const dvcqg = createDvcqgSimulator();
  const webhook = createWebhookSimulator();
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
    },
    stop() {
      trickle?.stop();
      if (national) clearInterval(national);
      igate.close();
      dvcqg.close();
      webhook.close();
    },
  };
}
