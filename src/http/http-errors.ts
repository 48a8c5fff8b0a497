import { LtError } from '../errors';
import type { ErrorKind, LtErrorOptions } from '../errors';

/**
 * The refusals the HTTP edge itself produces. Services raise their own codes (LT_DOSSIER_*, LT_MODEL_*);
 * the edge only adds the ones about the HTTP exchange: query, body, auth, idempotency, routing.
 */
export const HttpCodes = {
  notFound: 'LT_HTTP_NOT_FOUND',
  notReady: 'LT_HTTP_NOT_READY',
  badRequest: 'LT_HTTP_BAD_REQUEST',
  invalidQuery: 'LT_HTTP_INVALID_QUERY',
  invalidParam: 'LT_HTTP_INVALID_PARAM',
  invalidBody: 'LT_HTTP_INVALID_BODY',
  invalidJson: 'LT_HTTP_INVALID_JSON',
  jsonTooDeep: 'LT_HTTP_JSON_TOO_DEEP',
  forbiddenKey: 'LT_HTTP_FORBIDDEN_KEY',
  bodyTooLarge: 'LT_HTTP_BODY_TOO_LARGE',
  unsupportedMediaType: 'LT_HTTP_UNSUPPORTED_MEDIA_TYPE',
  invalidIdempotencyKey: 'LT_HTTP_INVALID_IDEMPOTENCY_KEY',
  idempotencyMismatch: 'LT_HTTP_IDEMPOTENCY_MISMATCH',
  idempotencyInProgress: 'LT_HTTP_IDEMPOTENCY_IN_PROGRESS',
  missingKey: 'LT_AUTH_MISSING_KEY',
  invalidKey: 'LT_AUTH_INVALID_KEY',
  forbidden: 'LT_AUTH_FORBIDDEN',
  internal: 'LT_INTERNAL',
} as const;

/** An LtError whose HTTP status is not the one its kind implies (415 has no kind of its own). */
export class EdgeError extends LtError {
  constructor(
    code: string,
    kind: ErrorKind,
    detail: string,
    private readonly status: number,
    options: LtErrorOptions = {},
  ) {
    super(code, kind, detail, options);
  }

  override get httpStatus(): number {
    return this.status;
  }
}

export function unsupportedMediaType(detail: string, details?: Record<string, unknown>): LtError {
  return new EdgeError(HttpCodes.unsupportedMediaType, 'validation', detail, 415, { details });
}

export function invalidQuery(param: string, reason: string): LtError {
  return new LtError(HttpCodes.invalidQuery, 'validation', `query parameter '${param}' ${reason}`, {
    details: { parameter: param },
  });
}

export function invalidParam(param: string, reason: string): LtError {
  return new LtError(HttpCodes.invalidParam, 'validation', `path parameter '${param}' ${reason}`, {
    details: { parameter: param },
  });
}

export function invalidBody(reason: string): LtError {
  return new LtError(HttpCodes.invalidBody, 'validation', `request body ${reason}`);
}

/** Same Idempotency-Key, different body: the client reused a key for another request. */
export function idempotencyMismatch(): LtError {
  return new LtError(
    HttpCodes.idempotencyMismatch,
    'conflict',
    'Idempotency-Key was already used with a different request body',
  );
}
