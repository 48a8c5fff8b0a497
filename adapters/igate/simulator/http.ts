import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { LtError } from '../../../src/errors';
import { IgateFieldError } from './create';
import { SpringBadRequest } from './search';

/**
 * Error bodies in the three dialects a client of iGate meets: Spring Boot's default error body on the
 * business services, `{code, message}` for a refused create (field named in `code`), and the sandbox's own
 * `{code, detail}` on control routes.
 */
export function springError(req: Request, res: Response, status: number, message: string): void {
  res.status(status).json({
    timestamp: new Date().toISOString().replace('Z', '+00:00'),
    status,
    error: STATUS_CODES[status] ?? 'Error',
    message,
    path: req.originalUrl.split('?')[0],
  });
}

/** 404 for any path the simulated services do not have (after authentication, as behind the gateway). */
export function notFound(req: Request, res: Response): void {
  springError(req, res, 404, 'No message available');
}

/** Turns what handlers throw into the right dialect; nothing escapes as an HTML stack trace. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof IgateFieldError) {
    res.status(err.status).json({ code: err.field, message: err.message });
    return;
  }
  if (err instanceof SpringBadRequest) {
    springError(req, res, 400, err.message);
    return;
  }
  if (err instanceof LtError) {
    res.status(err.httpStatus).json({ code: err.code, detail: err.detail });
    return;
  }
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // body-parser: broken JSON, too large a body.
    const message = status === 400 ? `JSON parse error: ${(err as Error).message}` : (err as Error).message;
    if (req.path.startsWith('/_'))
      res.status(status).json({ code: 'LT_IGATE_SIM_BAD_REQUEST', detail: message });
    else springError(req, res, status, message);
    return;
  }
  springError(req, res, 500, (err as Error)?.message ?? String(err));
}
