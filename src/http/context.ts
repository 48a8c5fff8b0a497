import type { Response } from 'express';
import type { Logger } from 'pino';
import type { Role } from './deps';

/** Who is calling: an API key's name and role, or the anonymous role when the gateway allows one. */
export interface Principal {
  name: string;
  role: Role;
}

/**
 * What the edge middleware learns about one request, kept on `res.locals` under one key so handlers
 * read it typed instead of through `any`.
 */
export interface RequestContext {
  reqId: string;
  log: Logger;
  principal?: Principal;
  /** The request body exactly as received (for the idempotency hash); set by the JSON body parser. */
  rawBody?: Buffer;
}

const KEY = 'lienthong';

export function setContext(res: Response, ctx: RequestContext): void {
  res.locals[KEY] = ctx;
}

export function getContext(res: Response): RequestContext {
  const ctx = res.locals[KEY] as RequestContext | undefined;
  if (!ctx) throw new Error('request context missing: the request-id middleware must run first');
  return ctx;
}

/** The actor name handed to services: the API key's name, or 'anonymous'. */
export function actorOf(res: Response): string {
  return getContext(res).principal?.name ?? 'anonymous';
}
