import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { LtError } from '../../../src/errors';
import { faultRoutes } from '../../../src/simulator/control';
import { FaultState } from '../../../src/simulator/faults';
import { Holds } from '../../../src/simulator/hold';
import { simulatorApp } from '../../../src/simulator/listen';
import { decide, parseFaults } from './faults';
import type { Verdict, WebhookFaults } from './faults';
import { WebhookSimulatorState } from './state';
import { validateDelivery } from './validate';

/**
 * A strict webhook receiver for the sandbox, the engine's integration tests and the benchmark. It
 * accepts POSTed CloudEvents on any path, records them, and misbehaves on demand (see `faults.ts`).
 *
 * Control endpoints: `GET /_state` (counts), `GET /_faults`, `POST /_faults` (replace the fault set,
 * JSON body), `POST /_reset` (forget what was received; faults stay).
 */
export interface WebhookSimulatorOptions extends WebhookFaults {
  /** Active signing secrets; when set, unsigned or badly signed requests get 401. */
  secret?: string | string[];
  /** Signature clock tolerance in seconds. @defaultValue 300 */
  toleranceSeconds?: number;
  /** Largest accepted body. @defaultValue '1mb' */
  bodyLimit?: string;
}

export interface WebhookSimulator {
  router: express.Router;
  /** An app with the router at `/`, for standalone use and tests. */
  app: express.Express;
  state: WebhookSimulatorState;
  /** Replaces the whole fault set (an empty object heals the receiver); a `seed` restarts the dice. */
  setFaults(faults: WebhookFaults): WebhookFaults;
  /** Releases requests being held (latency, late answers) so that a server can close at once. */
  close(): void;
}

export function createWebhookSimulator(options: WebhookSimulatorOptions = {}): WebhookSimulator {
  const { secret, toleranceSeconds, bodyLimit = '1mb', ...initialFaults } = options;
  const secrets = secret === undefined ? [] : typeof secret === 'string' ? [secret] : secret;
  const state = new WebhookSimulatorState();
  const holds = new Holds();
  const faults = new FaultState(parseFaults, initialFaults);
  // Messages refused by rejectRate stay refused until the fault set changes.
  let refused = new Set<string>();

  function setFaults(next: WebhookFaults): WebhookFaults {
    const reported = faults.set(next);
    refused = new Set();
    return reported;
  }

  const router = express.Router();
  router.get('/_state', (_req, res) => {
    res.json({ ...state.summary(), seed: faults.seed, faults: faults.active });
  });
  router.use(faultRoutes({ state, setFaults, faults: () => faults.report() }));
  router.post('/{*path}', express.raw({ type: () => true, limit: bodyLimit }), async (req, res) => {
    let delivery;
    try {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      delivery = validateDelivery(req.headers, body, secrets, { toleranceSeconds });
    } catch (err) {
      state.answers.refused += 1;
      throw err;
    }
    if (!(await holds.wait(faults.active.latencyMs ?? 0, res))) {
      state.answers.abandoned += 1;
      return;
    }
    const verdict = decide(
      faults.active,
      faults.random,
      { messageId: delivery.messageId, subject: delivery.dossier },
      refused,
    );
    if (verdict.kind !== 'accept') {
      answerFault(res, verdict, faults.active.retryAfterSeconds ?? 1, state);
      return;
    }
    const entry = state.record({
      messageId: delivery.messageId,
      dossier: delivery.dossier,
      seq: delivery.seq,
      type: delivery.envelope.type,
      eventId: delivery.envelope.id,
      attempt: delivery.attempt,
    });
    if (verdict.holdMs > 0) {
      state.answers.delayed += 1;
      await holds.wait(verdict.holdMs, res);
    }
    res.status(200).json({ accepted: true, messageId: entry.messageId, duplicate: entry.duplicate });
  });
  router.use(errorBody);

  return {
    router,
    app: simulatorApp(router),
    state,
    setFaults,
    close: () => holds.releaseAll(),
  };
}

function answerFault(
  res: Response,
  verdict: Exclude<Verdict, { kind: 'accept' }>,
  retryAfter: number,
  state: WebhookSimulatorState,
): void {
  switch (verdict.kind) {
    case 'outage':
      state.answers.outage += 1;
      res
        .status(503)
        .set('Retry-After', String(retryAfter))
        .json({ code: 'LT_WEBHOOK_SIM_OUTAGE', detail: 'receiver is down (outage fault)' });
      return;
    case 'rate_limited':
      state.answers.rateLimited += 1;
      res
        .status(429)
        .set('Retry-After', String(retryAfter))
        .json({ code: 'LT_WEBHOOK_SIM_RATE_LIMITED', detail: 'too many requests (rateLimitRate fault)' });
      return;
    case 'reject':
      state.answers.rejected += 1;
      res.status(422).json({ code: 'LT_WEBHOOK_SIM_REJECTED', detail: `${verdict.why} (reject fault)` });
      return;
    case 'fail':
      state.answers.failed += 1;
      res
        .status(verdict.status)
        .json({ code: 'LT_WEBHOOK_SIM_FAILURE', detail: `injected failure (failureRate fault)` });
      return;
  }
}

/** Refusals as `{ code, detail }`; body-parser errors (too large, bad JSON on /_faults) keep their status. */
function errorBody(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof LtError) {
    res.status(err.httpStatus).json({ code: err.code, detail: err.detail });
    return;
  }
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = status === 413 ? 'LT_WEBHOOK_SIM_TOO_LARGE' : 'LT_WEBHOOK_SIM_BAD_REQUEST';
    res.status(status).json({ code, detail: (err as Error).message });
    return;
  }
  res.status(500).json({ code: 'LT_WEBHOOK_SIM_INTERNAL', detail: (err as Error)?.message ?? String(err) });
}
