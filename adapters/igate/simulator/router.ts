import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { apiRouter } from './api-routes';
import { TOKEN_PATH, bearerGate, tokenRouter } from './auth';
import { controlRouter } from './control-routes';
import { FaultState } from '../../../src/simulator/faults';
import { Holds } from '../../../src/simulator/hold';
import { simulatorApp } from '../../../src/simulator/listen';
import { nginxErrorPage } from '../../../src/simulator/nginx';
import { decideIgate, parseIgateFaults } from './faults';
import type { IgateFaults } from './faults';
import { errorHandler, notFound, springError } from './http';
import { loadIgateReference } from './reference';
import type { IgateReference } from './reference';
import { IgateSimulatorState } from './state';
import { TokenService } from './tokens';
import type { IgateClient, IgateUser } from './tokens';
import type { IgateDossier } from './types';
import { objectId } from './wire';

/** Options of {@link createIgateSimulator}; the fault keys set the initial faults. */
export interface IgateSimulatorOptions extends IgateFaults {
  /** @defaultValue `[{ clientId: 'lienthong', clientSecret: 'sandbox-secret' }]` */
  clients?: IgateClient[];
  /** Users for the password grant (which also needs a known `client_id`). @defaultValue `[{ username: 'lienthong', password: 'sandbox-password' }]` */
  users?: IgateUser[];
  /** Lifetime of access tokens. @defaultValue 300 */
  tokenTtlSeconds?: number;
  /** The simulator's clock in epoch ms (tokens, dates, codes, outage windows). @defaultValue Date.now */
  now?: () => number;
  /** Folder of the agency registry, procedure map and `igate/status.yaml`. @defaultValue MAPPINGS_DIR */
  mappingsDir?: string;
  /** Largest JSON body accepted. @defaultValue '1mb' */
  bodyLimit?: string;
  /** Where the daily code sequences start (see PatternService). @defaultValue 0 */
  firstSequence?: number;
}

/** An in-memory VNPT iGate (Keycloak realm `digo` + padman, pattern and agency services) for the sandbox and tests. */
export interface IgateSimulator {
  router: express.Router;
  /** An app with the router at `/`. */
  app: express.Express;
  state: IgateSimulatorState;
  /** The mappings the simulator answers from. */
  reference: IgateReference;
  /** The simulator's clock, epoch ms. */
  now(): number;
  /** Replaces the whole fault set (an empty object heals); a `seed` restarts the dice. */
  setFaults(faults: IgateFaults): IgateFaults;
  faults(): IgateFaults;
  /** Makes every issued access and refresh token inactive at once. */
  expireTokens(): void;
  /** Stores a full dossier object (tests, the trickle). */
  upsertDossier(dossier: IgateDossier): IgateDossier;
  /** Sets fields of a dossier (by id or code) and bumps `updatedDate`; undefined when there is none. */
  updateDossier(idOrCode: string, patch: Partial<IgateDossier>): IgateDossier | undefined;
  /** Releases requests held by `latencyMs` so that a server can close at once. */
  close(): void;
}

const DEFAULT_CLIENTS: IgateClient[] = [{ clientId: 'lienthong', clientSecret: 'sandbox-secret' }];
const DEFAULT_USERS: IgateUser[] = [{ username: 'lienthong', password: 'sandbox-password' }];

/** Builds the simulator; see {@link IgateSimulator} and the README of `mappings/igate/` for what it knows. */
export function createIgateSimulator(options: IgateSimulatorOptions = {}): IgateSimulator {
  const {
    clients,
    users,
    tokenTtlSeconds = 300,
    now = Date.now,
    mappingsDir,
    bodyLimit = '1mb',
    firstSequence,
    ...initial
  } = options;
  const ref = loadIgateReference(mappingsDir);
  const state = new IgateSimulatorState(ref, now, firstSequence);
  const tokens = new TokenService({
    clients: clients ?? DEFAULT_CLIENTS,
    users: users ?? DEFAULT_USERS,
    ttlSeconds: tokenTtlSeconds,
    now,
    issuer: 'http://sandbox.lienthong/auth/realms/digo',
  });
  const holds = new Holds();
  const faults = new FaultState(parseIgateFaults, initial);
  const setFaults = (next: IgateFaults): IgateFaults => faults.set(next);
  const currentFaults = (): IgateFaults => faults.report();

  /** Counts every answer of the simulated services once, by outcome. */
  function count(req: Request, res: Response, next: NextFunction): void {
    res.on('finish', () => {
      const a = state.answers;
      const s = res.statusCode;
      if (res.locals.fault) a[res.locals.fault as 'failed' | 'outage'] += 1;
      else if (s < 400) a.ok += 1;
      else if (req.path === TOKEN_PATH) a.tokenRefused += 1;
      else if (s === 401) a.unauthorized += 1;
      else if (s === 404) a.notFound += 1;
      else if (s === 400 || s === 409 || s === 415) a.badRequest += 1;
    });
    next();
  }

  async function faultGate(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (faults.active.latencyMs) await holds.wait(faults.active.latencyMs, res);
    if (res.destroyed) return;
    const verdict = decideIgate(faults.active, faults.random, now());
    if (verdict.kind === 'pass') return next();
    res.locals.fault = verdict.kind === 'outage' ? 'outage' : 'failed';
    const status = verdict.kind === 'outage' ? 503 : verdict.status;
    if (status === 500) springError(req, res, 500, 'Injected failure (errorRate fault)');
    else res.status(status).type('html').send(nginxErrorPage(status));
  }

  const router = express.Router();
  router.use(controlRouter({ state, tokens, setFaults, faults: currentFaults, bodyLimit }));
  router.use(count, faultGate, tokenRouter(tokens), bearerGate(tokens));
  router.use(apiRouter({ state, ref, now, newId: () => objectId(now(), Math.random), bodyLimit }));
  router.use(notFound);
  router.use(errorHandler);

  return {
    router,
    app: simulatorApp(router),
    state,
    reference: ref,
    now,
    setFaults,
    faults: currentFaults,
    expireTokens: () => tokens.expireAll(),
    upsertDossier: (d) => state.upsert(d),
    updateDossier: (idOrCode, patch) => state.update(idOrCode, patch),
    close: () => holds.releaseAll(),
  };
}
