import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { LtError } from '../../errors';
import { getContext } from '../context';
import type { ChangeOptions } from '../deps';
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
 * Honours `Idempotency-Key` on a mutating route: the edge checks the key's form and hands it on with the
 * request's scope and body digest; the service records it in the same statement as the change and
 * replays the first answer on a retry (marked here with `Idempotent-Replayed: true`) or refuses the same
 * key with another body (409 LT_HTTP_IDEMPOTENCY_MISMATCH). Refused requests are not recorded, so they
 * may be retried with the same key.
 */
export function idempotent(handler: IdempotentHandler): RequestHandler {
  return async (req, res) => {
    const reply = await handler(req, res, idempotencyRequest(req, res));
    if (reply.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(reply.status).json(reply.body);
  };
}
