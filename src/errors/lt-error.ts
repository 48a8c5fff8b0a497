/**
 * The one error type that crosses module boundaries. Every refusal carries a stable `code`
 * (`LT_<AREA>_<REASON>`), a `kind` and a `retryable` flag, so callers classify by code rather than by
 * `instanceof` (classes are lost when an error is serialised into a queued job).
 */
export type ErrorKind =
  | 'validation'
  | 'auth'
  | 'forbidden'
  | 'signature'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'too_large'
  | 'transient'
  | 'permanent'
  | 'unavailable'
  | 'internal';

const HTTP_STATUS: Record<ErrorKind, number> = {
  validation: 400,
  auth: 401,
  forbidden: 403,
  signature: 401,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  transient: 503,
  permanent: 422,
  unavailable: 503,
  internal: 500,
};

const RETRYABLE: ReadonlySet<ErrorKind> = new Set(['rate_limited', 'transient', 'unavailable']);

export interface LtErrorOptions {
  /** Overrides the retryable flag derived from the kind. */
  retryable?: boolean;
  /** Structured extra facts for the caller (never secrets, never citizen identity numbers). */
  details?: Record<string, unknown>;
  cause?: unknown;
  /** Milliseconds the partner asked us to wait (Retry-After), when known. */
  retryAfterMs?: number;
}

export class LtError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;
  readonly retryAfterMs?: number;

  constructor(code: string, kind: ErrorKind, detail: string, options: LtErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LtError';
    this.code = code;
    this.kind = kind;
    this.retryable = options.retryable ?? RETRYABLE.has(kind);
    this.details = options.details;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** The human-readable reason, as sent in `{ code, detail }` bodies. */
  get detail(): string {
    return this.message;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.kind];
  }

  toBody(): { code: string; detail: string } & Record<string, unknown> {
    return { code: this.code, detail: this.message, ...(this.details ?? {}) };
  }
}

export function isLtError(err: unknown): err is LtError {
  return err instanceof LtError;
}

/** Classifies anything thrown into an LtError, keeping LtErrors as they are. */
export function toLtError(err: unknown, fallbackCode = 'LT_INTERNAL'): LtError {
  if (err instanceof LtError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new LtError(fallbackCode, 'internal', message, { cause: err });
}
