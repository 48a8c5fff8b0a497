import type { ErrorRequestHandler, RequestHandler } from 'express';
import { LtError } from '../../errors';
import { getContext } from '../context';
import { HttpCodes, unsupportedMediaType } from '../http-errors';

/** The shape body-parser / http-errors give their errors. */
interface HttpishError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  limit?: number;
  message?: string;
}

function fromBodyParser(err: HttpishError, bodyLimit: string): LtError | undefined {
  switch (err.type) {
    case 'entity.too.large':
      return new LtError(
        HttpCodes.bodyTooLarge,
        'too_large',
        `request body exceeds the limit of ${bodyLimit} (${err.limit ?? '?'} bytes)`,
        { details: { limitBytes: err.limit } },
      );
    case 'entity.parse.failed': {
      // V8 messages quote the body; keep only the position so no citizen data is echoed or logged.
      const position = /position (\d+)/.exec(err.message ?? '')?.[1];
      const where = position === undefined ? '' : ` (at position ${position})`;
      return new LtError(HttpCodes.invalidJson, 'validation', `request body is not valid JSON${where}`);
    }
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return unsupportedMediaType(err.message ?? 'unsupported encoding');
    default:
      break;
  }
  const status = err.status ?? err.statusCode;
  if (err.expose && status !== undefined && status >= 400 && status < 500) {
    return new LtError(HttpCodes.badRequest, 'validation', 'malformed request');
  }
  return undefined;
}

/** Every route that matched nothing ends here. */
export function notFound(): RequestHandler {
  return (req, _res, next) => {
    const path = req.originalUrl.split('?', 1)[0].slice(0, 200);
    next(new LtError(HttpCodes.notFound, 'not_found', `no route for ${req.method} ${path}`));
  };
}

/**
 * The one place errors become HTTP answers, always `{ code, detail }`. LtErrors keep their code and
 * status; internal failures are logged with the request id and answered with a generic detail, so
 * neither stack traces nor driver messages reach the client.
 */
export function errorHandler(bodyLimit: string): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    const { log, reqId } = getContext(res);
    let lt = err instanceof LtError ? err : fromBodyParser((err ?? {}) as HttpishError, bodyLimit);
    if (!lt || lt.kind === 'internal') {
      log.error({ err }, 'request failed');
      lt = new LtError(HttpCodes.internal, 'internal', `internal error (request id ${reqId})`);
    } else if (lt.httpStatus >= 500) {
      log.warn({ code: lt.code, detail: lt.detail }, 'request refused by an unavailable dependency');
    }
    if (lt.retryAfterMs !== undefined && lt.httpStatus >= 429) {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(lt.retryAfterMs / 1000))));
    }
    res.status(lt.httpStatus).json(lt.toBody());
  };
}
