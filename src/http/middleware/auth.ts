import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { LtError } from '../../errors';
import type { ApiKey, Role } from '../deps';
import { getContext } from '../context';
import type { Principal } from '../context';
import { HttpCodes } from '../http-errors';

const RANK: Record<Role, number> = { viewer: 1, operator: 2 };
const CHALLENGE = 'Bearer realm="lienthong"';

interface StoredKey {
  name: string;
  role: Role;
  digest: Buffer;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The presented key, `null` when none was sent; throws when an Authorization header is not Bearer. */
function presentedKey(req: Request): string | null {
  const header = req.get('x-api-key');
  if (header !== undefined && header !== '') return header;
  const authorization = req.get('authorization');
  if (authorization === undefined || authorization === '') return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  if (!match) {
    throw new LtError(HttpCodes.invalidKey, 'auth', 'Authorization header must be "Bearer <api key>"');
  }
  return match[1];
}

/**
 * Finds the key by comparing sha256 digests in constant time. Digests have a fixed length, so
 * timingSafeEqual never throws, and every stored key is compared so the time does not say which matched.
 */
function findKey(keys: StoredKey[], presented: string): StoredKey | undefined {
  const digest = sha256(presented);
  let found: StoredKey | undefined;
  for (const key of keys) {
    if (timingSafeEqual(key.digest, digest) && !found) found = key;
  }
  return found;
}

function refuse(res: Response, err: LtError): never {
  res.setHeader('WWW-Authenticate', CHALLENGE);
  throw err;
}

/**
 * Resolves the caller to a principal: a known key, or the anonymous role when configured and no key was
 * sent. A key that is sent but unknown is always refused, even when anonymous access is allowed.
 */
export function authenticate(config: { apiKeys: ApiKey[]; anonymousRole?: Role }): RequestHandler {
  const keys: StoredKey[] = config.apiKeys.map((k) => ({
    name: k.name,
    role: k.role,
    digest: sha256(k.key),
  }));
  return (req, res, next) => {
    let presented: string | null;
    try {
      presented = presentedKey(req);
    } catch (err) {
      return refuse(res, err as LtError);
    }
    const ctx = getContext(res);
    if (presented === null) {
      if (config.anonymousRole === undefined) {
        refuse(
          res,
          new LtError(HttpCodes.missingKey, 'auth', 'an API key is required (X-API-Key or Bearer)'),
        );
      }
      ctx.principal = { name: 'anonymous', role: config.anonymousRole };
      return next();
    }
    const key = findKey(keys, presented);
    if (!key) refuse(res, new LtError(HttpCodes.invalidKey, 'auth', 'the API key is not recognised'));
    ctx.principal = { name: key.name, role: key.role } satisfies Principal;
    next();
  };
}

/** Refuses callers below `needed`; runs after `authenticate`. */
export function requireRole(needed: Role): RequestHandler {
  return (_req, res, next) => {
    const principal = getContext(res).principal;
    // An anonymous caller below the needed role is asked for a key (401), not told it is forbidden.
    if (principal?.name === 'anonymous' && RANK[principal.role] < RANK[needed]) {
      refuse(
        res,
        new LtError(
          HttpCodes.missingKey,
          'auth',
          `an API key with the ${needed} role is required (X-API-Key or Bearer)`,
        ),
      );
    }
    if (!principal || RANK[principal.role] < RANK[needed]) {
      throw new LtError(
        HttpCodes.forbidden,
        'forbidden',
        `this action needs the ${needed} role; the caller has ${principal?.role ?? 'none'}`,
        { details: { requiredRole: needed } },
      );
    }
    next();
  };
}
