import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { setContext } from '../context';

/** Accepted incoming ids: short, and nothing that could forge a log line or a header. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Takes the caller's X-Request-Id when it is safe, otherwise makes one, echoes it back, and gives the
 * request a child logger that carries it, so every line about this request can be found by one id.
 */
export function requestId(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const reqId = incoming !== undefined && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', reqId);
    setContext(res, { reqId, log: logger.child({ reqId }) });
    next();
  };
}
