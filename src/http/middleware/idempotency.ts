import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { LtError } from '../../errors';
import { getContext } from '../context';
import type { ChangeOptions, IdempotencyStore } from '../deps';
import { HttpCodes } from '../http-errors';
import type { Reply } from '../reply';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type IdempotencyRequest = NonNullable<ChangeOptions['idempotency']>;

/** A mutating handler; it passes `idempotency` on to the service when the request carried a key. */
export type IdempotentHandler = (
  req: Request,
  res: Response,
  idempotency?: IdempotencyRequest,
) => Promise<Reply>;

function idempotencyRequest(req: Request, res: Response): IdempotencyRequest | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new LtError(
      HttpCodes.invalidIdempotencyKey,
      'validation',
      'Idempotency-Key must be 1 to 255 visible ASCII characters',
    );
  }
  const raw = getContext(res).rawBody ?? Buffer.alloc(0);
  return {
    // The concrete path, so one key reused for two dossiers counts as two keys.
    scope: `${req.method} ${req.baseUrl}${req.path}`,
    key,
    requestSha256: createHash('sha256').update(raw).digest('hex'),
  };
}

/**
 * Honours `Idempotency-Key` on a mutating route: a retry with the same key and body gets the first
 * answer (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is
 * refused (409 LT_HTTP_IDEMPOTENCY_MISMATCH, raised by the store or the service).
 *
 * Two layers, one table: the store answers completed keys before the service is called, and the key is
 * also handed to the service, which claims it in the same transaction as the change (this is what makes
 * concurrent or crashed first attempts safe). The edge then saves 2xx answers itself, a no-op when the
 * service has already recorded them; refused requests are not stored, so they may be retried.
 */
export function idempotent(store: IdempotencyStore, handler: IdempotentHandler): RequestHandler {
  return async (req, res) => {
    const idem = idempotencyRequest(req, res);
    const stored = idem && (await store.lookup(idem.scope, idem.key, idem.requestSha256));
    if (stored) {
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(stored.status).json(stored.body);
      return;
    }
    const reply = await handler(req, res, idem);
    if (reply.replayed) {
      res.setHeader('Idempotent-Replayed', 'true');
    } else if (idem && reply.status >= 200 && reply.status < 300) {
      // The action is done; failing to remember it must not turn its success into an error.
      await store
        .save(idem.scope, idem.key, idem.requestSha256, reply.status, reply.body)
        .catch((err: unknown) => {
          getContext(res).log.warn({ err }, 'idempotency key not saved');
        });
    }
    res.status(reply.status).json(reply.body);
  };
}
