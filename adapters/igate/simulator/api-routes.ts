import express from 'express';
import type { Request, Response } from 'express';
import { createDossier } from './create';
import { springError } from './http';
import type { IgateReference } from './reference';
import { parseSearchQuery, searchDossiers } from './search';
import type { IgateSimulatorState } from './state';
import { localDay, vi } from './wire';

/** What the business routes need from the simulator. */
export interface ApiContext {
  state: IgateSimulatorState;
  ref: IgateReference;
  now: () => number;
  newId: () => string;
  bodyLimit: string;
}

/** A required query parameter, or a Spring 400 naming it. */
function required(req: Request, res: Response, name: string): string | undefined {
  const value = req.query[name];
  if (typeof value === 'string' && value !== '') return value;
  springError(
    req,
    res,
    400,
    `Required request parameter '${name}' for method parameter type String is not present`,
  );
  return undefined;
}

/**
 * The iGate business services the gateway calls (all behind a bearer token): dossiers (`/pa`, "padman"),
 * the code pattern service (`/bd` config, `/bt` patterns) and agencies (`/ba`). Spec §5.
 */
export function apiRouter(ctx: ApiContext): express.Router {
  const { state, ref } = ctx;
  const router = express.Router();
  const ancestorsOf = (agencyIgateId: string): string[] => {
    const line: string[] = [];
    for (let a = ref.agencyByIgateId(agencyIgateId); a?.parent;) {
      a = ref.agencyById(a.parent);
      if (a) line.push(a.igateId);
    }
    return line;
  };

  router.get('/pa/dossier/search', (req, res) => {
    const query = parseSearchQuery(req.query as Record<string, unknown>);
    // Serialised at once, so the page may hold the stored objects rather than copies.
    res.json(searchDossiers(state.scan(), query, ancestorsOf));
  });

  router.get('/pa/dossier/:id/--online', (req, res) => {
    const dossier = state.find(req.params.id);
    // The route takes an id; a code must not resolve here even though the store indexes codes.
    if (!dossier || dossier.id !== req.params.id) {
      springError(req, res, 404, `Dossier ${req.params.id} not found`);
      return;
    }
    res.json(dossier);
  });

  router.post('/pa/dossier', express.json({ limit: ctx.bodyLimit }), (req, res) => {
    if (!req.is('application/json')) {
      springError(req, res, 415, `Content-Type '${req.headers['content-type'] ?? ''}' is not supported`);
      return;
    }
    const dossier = createDossier(req.body, {
      ref,
      patterns: state.patterns,
      now: ctx.now(),
      newId: ctx.newId,
    });
    res.json(state.upsert(dossier));
  });

  router.get('/bd/config/get-pattern', (req, res) => {
    const agencyId = required(req, res, 'agency-id');
    const procedureId = agencyId && required(req, res, 'procedure-id');
    if (!agencyId || !procedureId) return;
    const pattern = state.patterns.patternFor(agencyId, procedureId);
    if (!pattern) {
      springError(req, res, 404, `No code pattern for agency ${agencyId} and procedure ${procedureId}`);
      return;
    }
    res.json({ id: pattern.id, agencyId, procedureId });
  });

  router.get('/bt/pattern/:id/--get-next-value', (req, res) => {
    const pattern = state.patterns.byId(req.params.id);
    if (!pattern) {
      springError(req, res, 404, `Pattern ${req.params.id} not found`);
      return;
    }
    const code = required(req, res, 'code');
    if (!code) return;
    if (code !== pattern.procedure.local) {
      springError(
        req,
        res,
        400,
        `Parameter 'code' (${code}) is not the procedure code of pattern ${pattern.id}`,
      );
      return;
    }
    res.json({ value: state.patterns.nextValue(pattern, ctx.now()) });
  });

  router.get('/ba/agency/:id', (req, res) => {
    const agency = ref.agencyByIgateId(req.params.id);
    if (!agency) {
      springError(req, res, 404, `Agency ${req.params.id} not found`);
      return;
    }
    const parent = agency.parent ? ref.agencyById(agency.parent) : undefined;
    res.json({
      id: agency.igateId,
      code: agency.id,
      name: vi(agency.name),
      level: agency.level,
      ...(parent ? { parent: { id: parent.igateId, code: parent.id, name: vi(parent.name) } } : {}),
      ancestors: ancestorsOf(agency.igateId).map((id) => ({
        id,
        name: vi(ref.agencyByIgateId(id)?.name ?? ''),
      })),
      // 1 open, 0 closed (a code closed by a merger still resolves, for old dossiers).
      status: agency.validTo && agency.validTo < localDay(ctx.now()) ? 0 : 1,
    });
  });

  return router;
}
