import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { FaultState } from '../../../src/simulator/faults';
import { Holds } from '../../../src/simulator/hold';
import { simulatorHandle } from '../../../src/simulator/handle';
import { nginxErrorPage } from '../../../src/simulator/nginx';
import type { VxpAgency } from '../wire';
import { apiRoutes } from './api-routes';
import { controlRoutes } from './control-routes';
import { decideVxp, parseVxpFaults } from './faults';
import type { VxpFaults } from './faults';
import { VxpSimulatorState } from './state';
import type { VxpSimSystem } from './state';

/**
 * A VXP axis (national document exchange) for the sandbox, the adapter's tests and end-to-end runs: the
 * SDK's six calls over one in-memory store, every request checked with the same `verifySignedRequest`,
 * packages routed to agencies (by the signed `to`, else by the edXML header) and held until each
 * receiver acknowledges them, and misbehaviour on demand (`faults.ts`). Control routes: `control-routes.ts`.
 */
export interface VxpSimulatorOptions extends VxpFaults {
  /** Connected systems. @defaultValue {@link DEFAULT_VXP_SYSTEMS} */
  systems?: VxpSimSystem[];
  /** Agency registry of getAgenciesList; every system's agency is added when missing. */
  agencies?: VxpAgency[];
  /** Refuse signed timestamps further than this from now. @defaultValue undefined (the real SDK freezes them) */
  timestampToleranceMs?: number;
  /** Largest accepted body. @defaultValue '64mb' (edXML packages carry zipped attachments) */
  bodyLimit?: string;
  /** The clock of timestamps, list times and outage windows. @defaultValue Date.now */
  now?: () => number;
}

/** The sandbox's two systems; secrets here are test values, never production ones. */
export const DEFAULT_VXP_SYSTEMS: VxpSimSystem[] = [
  { systemId: 'vxp.saas.01', secrets: ['sandbox-secret-01'], agencies: ['002.00.20.H13'] },
  { systemId: 'vxp.saas.02', secrets: ['sandbox-secret-02'], agencies: ['000.00.00.G22', '000.00.12.H13'] },
];

export interface VxpSimulator {
  router: express.Router;
  /** An app with the router at `/`, for standalone use and tests. */
  app: express.Express;
  state: VxpSimulatorState;
  /** Replaces the whole fault set (an empty object heals the axis); a `seed` restarts the dice. */
  setFaults(faults: VxpFaults): VxpFaults;
  faults(): VxpFaults;
  /** Releases requests held by `latencyMs`, so that a server can close at once. */
  close(): void;
}

function registry(systems: VxpSimSystem[], agencies: VxpAgency[]): VxpAgency[] {
  const out = [...agencies];
  for (const s of systems)
    for (const code of s.agencies)
      if (!out.some((a) => a.code === code))
        out.push({
          code,
          id: out.length + 1,
          mail: `vanthu@${code.toLowerCase()}.example.gov.vn`,
          name: `Đơn vị ${code}`,
          pid: 0,
          oldCode: '',
        });
  return out;
}

export function createVxpSimulator(options: VxpSimulatorOptions = {}): VxpSimulator {
  const {
    systems = DEFAULT_VXP_SYSTEMS,
    agencies = [],
    timestampToleranceMs,
    bodyLimit = '64mb',
    now = Date.now,
    ...initialFaults
  } = options;
  const state = new VxpSimulatorState(systems, registry(systems, agencies), now);
  const holds = new Holds();
  const faults = new FaultState(parseVxpFaults, initialFaults);

  const gate: RequestHandler = async (_req, res, next) => {
    if (!(await holds.wait(faults.active.latencyMs ?? 0, res))) {
      state.faulted.abandoned += 1;
      return;
    }
    const verdict = decideVxp(faults.active, faults.random, now());
    if (verdict.kind === 'pass') return next();
    const status = verdict.kind === 'outage' ? 503 : verdict.status;
    state.faulted[verdict.kind === 'outage' ? 'outage' : 'error'] += 1;
    if (verdict.kind === 'fail' && !verdict.html) res.status(status).end();
    else res.status(status).type('html').send(nginxErrorPage(status));
  };

  const router = express.Router();
  const sim = simulatorHandle({ router, state, faults, holds });
  router.use(controlRoutes({ state, setFaults: sim.setFaults, faults: sim.faults, bodyLimit }));
  router.use(apiRoutes({ state, now, timestampToleranceMs, gate, bodyLimit }));
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: unknown }).status;
    // body-parser refusals (too large); anything else is the simulator's own bug, shown as such.
    if (typeof status === 'number' && status >= 400 && status < 500)
      res
        .status(status)
        .json({ status: 'FAIL', ErrorCode: String(status), ErrorDesc: (err as Error).message });
    else
      res.status(500).json({ code: 'LT_VXP_SIM_INTERNAL', detail: (err as Error)?.message ?? String(err) });
  });

  return sim;
}
