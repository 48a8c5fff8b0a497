import express from 'express';
import { faultRoutes } from '../../../src/simulator/control';
import type { DvcqgFaults } from './faults';
import type { DvcqgSimulatorState } from './state';

/** What the control endpoints need from the simulator. */
export interface Controls {
  state: DvcqgSimulatorState;
  setFaults(faults: DvcqgFaults): DvcqgFaults;
  faults(): DvcqgFaults;
  expireSessions(): number;
}

/**
 * Endpoints for tests and the sandbox UI, never faulty and never authenticated (the simulator binds to
 * loopback): what the portal holds, counts, faults, session expiry and reset.
 */
export function controlRoutes(sim: Controls): express.Router {
  const { state } = sim;
  const router = express.Router();
  router.get('/_sim/dossiers', (_req, res) => {
    const items = [...state.dossiers].map(([code, d]) => ({
      code,
      status: d.dossier.TrangThaiHoSo,
      syncs: d.syncs.length,
      progress: d.progress.length,
    }));
    res.json({ items });
  });
  router.get('/_sim/dossiers/:code', (req, res) => {
    const stored = state.dossiers.get(req.params.code);
    if (!stored) {
      res.status(404).json({ code: 'LT_DVCQG_SIM_NOT_FOUND', detail: `no dossier ${req.params.code}` });
      return;
    }
    res.json(stored);
  });
  router.get('/_sim/state', (_req, res) => {
    res.json({ ...state.summary(), faults: sim.faults() });
  });
  router.post('/_sim/expire-sessions', (_req, res) => {
    res.json({ expired: sim.expireSessions() });
  });
  router.use(faultRoutes(sim));
  return router;
}
