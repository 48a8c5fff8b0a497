import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { TokenService } from './tokens';

/** Keycloak's token endpoint of realm `digo`, on the SSO host of a province (spec §5). */
export const TOKEN_PATH = '/auth/realms/digo/protocol/openid-connect/token';

/** Client credentials sent as HTTP Basic (RFC 6749 §2.3.1: each part form-urlencoded). */
function basicClient(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const part = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
  try {
    return { id: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** `POST {TOKEN_PATH}`: form-encoded grants only, answered as Keycloak answers. */
export function tokenRouter(tokens: TokenService): express.Router {
  const router = express.Router();
  router.post(TOKEN_PATH, express.urlencoded({ extended: false, limit: '64kb' }), (req, res) => {
    res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
    if (!req.is('application/x-www-form-urlencoded')) {
      res.status(400).json({
        error: 'invalid_request',
        error_description: 'Content-Type must be application/x-www-form-urlencoded',
      });
      return;
    }
    const answer = tokens.grant(
      (req.body ?? {}) as Record<string, unknown>,
      basicClient(req.headers.authorization),
    );
    res.status(answer.status).json(answer.body);
  });
  return router;
}

/**
 * Every business route needs an active bearer token. A missing, foreign, expired or revoked one gets 401
 * `invalid_token` (what the resource servers behind Keycloak say), never a hint of which it was.
 */
export function bearerGate(tokens: TokenService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (tokens.verify(req.headers.authorization)) {
      next();
      return;
    }
    res
      .status(401)
      .set(
        'WWW-Authenticate',
        'Bearer realm="digo", error="invalid_token", error_description="Token is not active"',
      )
      .json({ error: 'invalid_token', error_description: 'Token is not active' });
  };
}
