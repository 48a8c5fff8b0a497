import type { Express, Router } from 'express';
import type { FaultState, Seeded } from './faults';
import type { Holds } from './hold';
import { simulatorApp } from './listen';

/** What a simulator built from a router, a store, a fault set and held requests hands out. */
export interface SimulatorHandle<S, F> {
  router: Router;
  /** An app with the router at `/`, for standalone use and tests. */
  app: Express;
  state: S;
  /** Replaces the whole fault set (an empty object heals); a `seed` restarts the dice. */
  setFaults(faults: F): F;
  /** The fault set in force, with the seed in use. */
  faults(): F;
  /** Releases requests held by `latencyMs`, so that a server can close at once. */
  close(): void;
}

/**
 * The handle of a simulator. Its functions are closures, safe to pass on alone (to control routes); the
 * app serves `router` itself, so routes added to the router afterwards are served too.
 */
export function simulatorHandle<S, F extends Seeded>(parts: {
  router: Router;
  state: S;
  faults: FaultState<F>;
  holds: Holds;
}): SimulatorHandle<S, F> {
  const { router, state, faults, holds } = parts;
  return {
    router,
    app: simulatorApp(router),
    state,
    setFaults: (next) => faults.set(next),
    faults: () => faults.report(),
    close: () => holds.releaseAll(),
  };
}
