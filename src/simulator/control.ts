import express from 'express';

/** What the fault routes drive: the simulator's fault set and its store. */
export interface FaultControls<F> {
  /** The fault set with the seed in use. */
  faults(): F;
  /** Replaces the whole fault set; throws a validation error naming the bad key. */
  setFaults(faults: F): F;
  state: { reset(): void; summary(): unknown };
}

/**
 * The control routes every simulator has, never faulty and never authenticated (simulators bind to
 * loopback): `GET /_faults`, `POST /_faults` (replace the fault set, JSON body), `POST /_reset` (forget
 * what the simulator holds; faults stay). Errors go to the simulator's own error handler.
 */
export function faultRoutes<F>(sim: FaultControls<F>, options: { bodyLimit?: string } = {}): express.Router {
  const router = express.Router();
  router.get('/_faults', (_req, res) => {
    res.json(sim.faults());
  });
  router.post('/_faults', express.json(options.bodyLimit ? { limit: options.bodyLimit } : {}), (req, res) => {
    res.json(sim.setFaults((req.body ?? {}) as F));
  });
  router.post('/_reset', (_req, res) => {
    sim.state.reset();
    res.json(sim.state.summary());
  });
  return router;
}
