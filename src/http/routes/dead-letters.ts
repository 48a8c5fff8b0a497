import { Router } from 'express';
import type { Request, RequestHandler } from 'express';
import { actorOf } from '../context';
import type { DeadLetterApi } from '../deps';
import { invalidBody, invalidParam } from '../http-errors';
import { requireRole } from '../middleware/auth';
import { ok, send } from '../reply';
import { BulkSelectorSchema, DEAD_LETTER_STATES } from '../spec/schemas';
import { bodyValidator } from '../validation/body';
import { QueryReader, compact } from '../validation/query';

type Selector = { ids?: number[]; target?: string; dossierCode?: string };

function deadLetterId(req: Request): number {
  const raw = req.params.id;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,15}$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw invalidParam('id', 'must be a positive integer');
  }
  return Number(raw);
}

/**
 * Dead letters: messages that exhausted their attempts. Operators put them back in line (replay) or give
 * them up (discard), one at a time or in bulk by selector.
 */
export function deadLetterRoutes(deadLetters: DeadLetterApi, jsonBody: RequestHandler[]): Router {
  const router = Router();
  const checkSelector = bodyValidator<Selector>(BulkSelectorSchema);
  const selector = (body: unknown): Selector => {
    const s = checkSelector(body);
    if (s.ids === undefined && s.target === undefined && s.dossierCode === undefined) {
      throw invalidBody('needs at least one selector: ids, target or dossierCode');
    }
    return s;
  };

  router.get(
    '/dead-letters',
    requireRole('viewer'),
    send(async (req) => {
      const q = new QueryReader(req, ['state', 'target', 'dossierCode', 'limit']);
      const filter = compact({
        state: q.oneOf('state', DEAD_LETTER_STATES) ?? 'open',
        target: q.string('target', 64),
        dossierCode: q.string('dossierCode'),
        limit: q.integer('limit', 1, 500, 50),
      });
      const items = await deadLetters.list(filter);
      return ok({ items });
    }),
  );

  router.post(
    '/dead-letters/replay',
    requireRole('operator'),
    ...jsonBody,
    send(async (req, res) => ok({ count: await deadLetters.replayMany(selector(req.body), actorOf(res)) })),
  );
  router.post(
    '/dead-letters/discard',
    requireRole('operator'),
    ...jsonBody,
    send(async (req, res) => ok({ count: await deadLetters.discardMany(selector(req.body), actorOf(res)) })),
  );
  router.post(
    '/dead-letters/:id/replay',
    requireRole('operator'),
    send(async (req, res) => ok(await deadLetters.replay(deadLetterId(req), actorOf(res)))),
  );
  router.post(
    '/dead-letters/:id/discard',
    requireRole('operator'),
    send(async (req, res) => ok(await deadLetters.discard(deadLetterId(req), actorOf(res)))),
  );

  return router;
}
