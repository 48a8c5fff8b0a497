import express from 'express';
import { LtError } from '../../../src/errors';
import { faultRoutes } from '../../../src/simulator/control';
import type { IgateFaults } from './faults';
import type { IgateSimulatorState } from './state';
import type { TokenService } from './tokens';
import type { IgateDossier } from './types';

/** What the control routes drive. */
export interface ControlContext {
  state: IgateSimulatorState;
  tokens: TokenService;
  setFaults(faults: IgateFaults): IgateFaults;
  faults(): IgateFaults;
  bodyLimit: string;
}

function notFound(idOrCode: string): LtError {
  return new LtError('LT_IGATE_SIM_NOT_FOUND', 'not_found', `no dossier with id or code ${idOrCode}`);
}

/**
 * The sandbox's own routes, outside iGate's API: no token, no faults, `{code, detail}` errors. Tests and
 * the sandbox UI use them to look inside, to put dossiers in place, to move them as an officer would, and
 * to break things on purpose.
 */
export function controlRouter(ctx: ControlContext): express.Router {
  const { state } = ctx;
  const router = express.Router();
  const json = express.json({ limit: ctx.bodyLimit });

  router.get('/_sim/dossiers', (_req, res) => {
    res.json(state.all());
  });
  router.get('/_sim/dossiers/:idOrCode', (req, res) => {
    const dossier = state.find(req.params.idOrCode);
    if (!dossier) throw notFound(req.params.idOrCode);
    res.json(dossier);
  });
  router.post('/_sim/dossiers', json, (req, res) => {
    res.json(state.upsert(req.body as IgateDossier));
  });
  router.patch('/_sim/dossiers/:idOrCode', json, (req, res) => {
    const updated = state.update(req.params.idOrCode, (req.body ?? {}) as Partial<IgateDossier>);
    if (!updated) throw notFound(req.params.idOrCode);
    res.json(updated);
  });
  router.get('/_sim/state', (_req, res) => {
    res.json({
      ...state.summary(),
      tokens: { issued: ctx.tokens.issued, active: ctx.tokens.activeCount() },
      faults: ctx.faults(),
    });
  });
  router.post('/_sim/expire-tokens', (_req, res) => {
    ctx.tokens.expireAll();
    res.json({ active: ctx.tokens.activeCount() });
  });
  router.use(faultRoutes(ctx, { bodyLimit: ctx.bodyLimit }));
  return router;
}
