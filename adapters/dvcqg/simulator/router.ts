import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LtError } from '../../../src/errors';
import { FaultState, inOutage } from '../../../src/simulator/faults';
import { Holds } from '../../../src/simulator/hold';
import { simulatorHandle } from '../../../src/simulator/handle';
import { nginxErrorPage } from '../../../src/simulator/nginx';
import type { SimContext } from './context';
import { controlRoutes } from './control';
import { parseFaults, roll } from './faults';
import type { DvcqgFaults } from './faults';
import { gen1Routes } from './gen1';
import { gen2Routes } from './gen2';
import { nationalProcedures } from './procedures';
import { DvcqgSimulatorState } from './state';

/**
 * A strict national portal (DVCQG) for the sandbox, the adapter's tests and the benchmark: both API
 * generations (`gen1.ts`, `gen2.ts`) over one in-memory store, every dossier and progress entry checked
 * with the same `validate.ts` the gateway uses before sending, and misbehaviour on demand (`faults.ts`).
 * Control endpoints: see `control.ts`.
 */
export interface DvcqgSimulatorOptions extends DvcqgFaults {
  /** @defaultValue 'lienthong' */
  username?: string;
  /** @defaultValue 'sandbox-password' */
  password?: string;
  /** The `dstcode` header generation 1 requires. @defaultValue 'DVCQG' */
  dstcode?: string;
  /** Session lifetime from login. @defaultValue 1_800_000 (30 min) */
  sessionTtlMs?: number;
  /** National procedure codes the portal knows. @defaultValue the `national` codes of mappings/procedures/procedures.yaml */
  knownProcedures?: string[];
  /** Largest accepted body. @defaultValue '1mb' */
  bodyLimit?: string;
  /** The clock, for tests of session expiry and outage windows. @defaultValue Date.now */
  now?: () => number;
}

export interface DvcqgSimulator {
  router: express.Router;
  /** An app with the router at `/`, for standalone use and tests. */
  app: express.Express;
  state: DvcqgSimulatorState;
  /** Replaces the whole fault set (an empty object heals the portal); a `seed` restarts the dice. */
  setFaults(faults: DvcqgFaults): DvcqgFaults;
  faults(): DvcqgFaults;
  /** Ends every session now (as a portal restart does); returns how many there were. */
  expireSessions(): number;
  /** Releases requests held by `latencyMs`, so that a server can close at once. */
  close(): void;
}

export function createDvcqgSimulator(options: DvcqgSimulatorOptions = {}): DvcqgSimulator {
  const {
    username = 'lienthong',
    password = 'sandbox-password',
    dstcode = 'DVCQG',
    sessionTtlMs = 1_800_000,
    knownProcedures = nationalProcedures().map((p) => p.code),
    bodyLimit = '1mb',
    now = Date.now,
    ...initialFaults
  } = options;
  const state = new DvcqgSimulatorState();
  const holds = new Holds();
  const faults = new FaultState(parseFaults, initialFaults);

  const gate: RequestHandler = async (_req, res, next) => {
    if (!(await holds.wait(faults.active.latencyMs ?? 0, res))) {
      state.faulted.abandoned += 1;
      return;
    }
    if (!inOutage(faults.active, now())) return next();
    state.faulted.outage += 1;
    res.status(503).type('html').send(nginxErrorPage(503));
  };
  const dice: RequestHandler = (_req, res, next) => {
    const { fail, alreadyExists } = roll(faults.active, faults.random);
    res.locals.alreadyExists = alreadyExists;
    if (!fail) return next();
    state.faulted.error += 1;
    if (fail.html) res.status(fail.status).type('html').send(nginxErrorPage(fail.status));
    else res.status(fail.status).end();
  };

  const ctx: SimContext = {
    config: {
      username,
      password,
      dstcode,
      sessionTtlMs,
      knownProcedures: new Set(knownProcedures),
      bodyLimit,
    },
    state,
    now,
    gate,
    dice,
  };
  const expireSessions = (): number => state.expireSessions();

  const router = express.Router();
  const sim = simulatorHandle({ router, state, faults, holds });
  router.use(controlRoutes({ state, setFaults: sim.setFaults, faults: sim.faults, expireSessions }));
  router.use(gen1Routes(ctx));
  router.use(gen2Routes(ctx));
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) =>
    errorBody(err, res, state, next),
  );

  return { ...sim, expireSessions };
}

/**
 * Control refusals (bad faults) as `{ code, detail }`; unreadable bodies (bad JSON, too large) as the
 * portal's `{ error_code: '1', message }` with the parser's status.
 */
function errorBody(err: unknown, res: Response, state: DvcqgSimulatorState, next: NextFunction): void {
  if (res.headersSent) return next(err);
  if (err instanceof LtError) {
    res.status(err.httpStatus).json({ code: err.code, detail: err.detail });
    return;
  }
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    state.reject('bad_request');
    const message = status === 413 ? 'Dữ liệu quá lớn' : `Yêu cầu không hợp lệ: ${(err as Error).message}`;
    res.status(status).json({ error_code: '1', message });
    return;
  }
  res.status(500).json({ code: 'LT_DVCQG_SIM_INTERNAL', detail: (err as Error)?.message ?? String(err) });
}
