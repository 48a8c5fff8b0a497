import type { RequestHandler } from 'express';

/**
 * Headers every answer carries. The gateway serves JSON and one self-contained HTML page, so a strict
 * policy costs nothing; the docs route loosens only what its inline stylesheet needs.
 */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    next();
  };
}
