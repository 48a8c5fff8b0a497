import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { apiRouter } from './api-routes';
import { TOKEN_PATH, bearerGate, tokenRouter } from './auth';
import { controlRouter } from './control-routes';
import { decideIgate, mulberry32, nginxPage, parseIgateFaults } from './faults';
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
    ...initial
  } = options;
  const ref = loadIgateReference(mappingsDir);
  const state = new IgateSimulatorState(ref, now);
  const tokens = new TokenService({
    clients: clients ?? DEFAULT_CLIENTS,
    users: users ?? DEFAULT_USERS,
    ttlSeconds: tokenTtlSeconds,
    now,
    issuer: 'http://sandbox.lienthong/auth/realms/digo',
  });
  const holds = new Set<() => void>();
  let faults: IgateFaults = {};
  let seed: number | undefined;
  let random = mulberry32(0);

  function setFaults(next: IgateFaults): IgateFaults {
    faults = parseIgateFaults(next);
    // Unseeded runs get a random seed that is reported, so that any run can be replayed.
    if (faults.seed !== undefined || seed === undefined) {
      seed = faults.seed ?? Math.floor(Math.random() * 0x100000000);
      random = mulberry32(seed);
    }
    return { ...faults, seed };
  }
  setFaults(initial);

  function hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        holds.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      holds.add(done);
    });
  }

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
    if (faults.latencyMs) await hold(faults.latencyMs);
    if (res.destroyed) return;
    const verdict = decideIgate(faults, random, now());
    if (verdict.kind === 'pass') return next();
    res.locals.fault = verdict.kind === 'outage' ? 'outage' : 'failed';
    const status = verdict.kind === 'outage' ? 503 : verdict.status;
    if (status === 500) springError(req, res, 500, 'Injected failure (errorRate fault)');
    else res.status(status).type('html').send(nginxPage(status));
  }

  const router = express.Router();
  router.use(controlRouter({ state, tokens, setFaults, faults: () => ({ ...faults, seed }), bodyLimit }));
  router.use(count, faultGate, tokenRouter(tokens), bearerGate(tokens));
  router.use(apiRouter({ state, ref, now, newId: () => objectId(now(), Math.random), bodyLimit }));
  router.use(notFound);
  router.use(errorHandler);

  const app = express();
  app.disable('x-powered-by');
  app.use(router);

  return {
    router,
    app,
    state,
    reference: ref,
    now,
    setFaults,
    faults: () => ({ ...faults, seed }),
    expireTokens: () => tokens.expireAll(),
    upsertDossier: (d) => state.upsert(d),
    updateDossier: (idOrCode, patch) => state.update(idOrCode, patch),
    close() {
      for (const release of [...holds]) release();
    },
  };
}
