import { Router } from 'express';
import type { Request, RequestHandler } from 'express';
import { actorOf } from '../context';
import type { ChangeResponse, DossierApi, DossierListFilter } from '../deps';
import { invalidBody, invalidParam } from '../http-errors';
import { requireRole } from '../middleware/auth';
import { idempotent } from '../middleware/idempotency';
import { ok, send } from '../reply';
import type { Reply } from '../reply';
import { DOSSIER_STATUSES, TransferRequestSchema, TransitionRequestSchema } from '../spec/schemas';
import { bodyValidator } from '../validation/body';
import { QueryReader, assertRange, compact } from '../validation/query';

const LIST_PARAMS = [
  'code',
  'agency',
  'status',
  'receivedFrom',
  'receivedTo',
  'updatedFrom',
  'updatedTo',
  'limit',
  'cursor',
] as const;

function listFilter(req: Request): DossierListFilter {
  const q = new QueryReader(req, LIST_PARAMS);
  const filter: DossierListFilter = {
    code: q.string('code'),
    agency: q.string('agency'),
    status: q.oneOf('status', DOSSIER_STATUSES),
    receivedFrom: q.instant('receivedFrom', 'from'),
    receivedTo: q.instant('receivedTo', 'to'),
    updatedFrom: q.instant('updatedFrom', 'from'),
    updatedTo: q.instant('updatedTo', 'to'),
    limit: q.integer('limit', 1, 500, 50),
    cursor: q.string('cursor', 1024),
  };
  assertRange('receivedFrom', filter.receivedFrom, filter.receivedTo);
  assertRange('updatedFrom', filter.updatedFrom, filter.updatedTo);
  return compact(filter);
}

function dossierCode(req: Request): string {
  const code = req.params.code;
  if (typeof code !== 'string' || code.length === 0 || code.length > 128) {
    throw invalidParam('code', 'must be 1 to 128 characters');
  }
  return code;
}

/** The answer to a change: `{ dossier, eventId }` with the status the service chose (first answer on replay). */
function changeReply(result: ChangeResponse, status: number): Reply {
  return {
    status: result.status ?? status,
    body: { dossier: result.dossier, eventId: result.eventId },
    replayed: result.replayed === true,
  };
}

/** Dossier reads (viewer) and writes (operator); the service decides everything about the dossier itself. */
export function dossierRoutes(dossiers: DossierApi, jsonBody: RequestHandler[]): Router {
  const router = Router();
  const checkTransition = bodyValidator(TransitionRequestSchema);
  const checkTransfer = bodyValidator(TransferRequestSchema);

  router.get(
    '/dossiers',
    requireRole('viewer'),
    send(async (req) => {
      const page = await dossiers.list(listFilter(req));
      return ok(page.nextCursor === undefined ? { items: page.items } : page);
    }),
  );

  router.get(
    '/dossiers/:code',
    requireRole('viewer'),
    send(async (req) => ok(await dossiers.get(dossierCode(req)))),
  );

  router.post(
    '/dossiers',
    requireRole('operator'),
    ...jsonBody,
    idempotent(async (req, res, idem) => {
      const body: unknown = req.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw invalidBody('must be a canonical dossier document (a JSON object)');
      }
      return changeReply(await dossiers.create(body, actorOf(res), idem && { idempotency: idem }), 201);
    }),
  );

  router.post(
    '/dossiers/:code/transitions',
    requireRole('operator'),
    ...jsonBody,
    idempotent(async (req, res, idem) => {
      const code = dossierCode(req);
      const input = checkTransition(req.body);
      return changeReply(
        await dossiers.transition(code, input, actorOf(res), idem && { idempotency: idem }),
        200,
      );
    }),
  );

  router.post(
    '/dossiers/:code/transfers',
    requireRole('operator'),
    ...jsonBody,
    idempotent(async (req, res, idem) => {
      const code = dossierCode(req);
      const input = checkTransfer(req.body);
      return changeReply(
        await dossiers.requestTransfer(code, input, actorOf(res), idem && { idempotency: idem }),
        200,
      );
    }),
  );

  return router;
}
