import type { RequestHandler } from 'express';
import { getContext } from '../context';

/**
 * One info line per request: method, path, status, duration. Deliberately nothing else: headers carry
 * API keys, and bodies and query strings carry citizen identity numbers.
 */
export function accessLog(): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const { log } = getContext(res);
    // The path as the client sent it, without the query string (req.path changes inside routers).
    const path = req.originalUrl.split('?', 1)[0];
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info(
        {
          method: req.method,
          path,
          status: res.headersSent ? res.statusCode : 499,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      );
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
