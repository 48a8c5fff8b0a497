import { LtError } from '../errors';
import { scrubText } from '../observability/redact';

/**
 * How a failed HTTP exchange with a partner becomes an LtError, shared by every HTTP adapter so that
 * "retry or dead-letter" is decided the same way everywhere. The rule of thumb: a partner's explicit
 * refusal (4xx) is permanent; everything else retries, including failures we do not recognise, because
 * a retried bug ends in the dead-letter queue where an operator sees it, while a dropped one is lost.
 */

/** The longest wait a partner may ask for; a larger Retry-After is capped so a message is never parked for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** How much of a refusing partner's response body goes into the error detail. */
export const BODY_SNIPPET_MAX = 200;

// Control characters would let a partner's body forge extra lines in logs.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]+/g;

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_CANCELED', 'ABORT_ERR']);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. Returns milliseconds
 * to wait, at least 0 and at most {@link MAX_RETRY_AFTER_MS}, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? cap(raw * 1000) : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return cap(Number(text) * 1000);
  // Only something that looks like a date: Date.parse also accepts bare numbers like "-5" or "1.5".
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : cap(Math.max(0, at - now));
}

function cap(ms: number): number {
  return Math.min(Math.round(ms), MAX_RETRY_AFTER_MS);
}

/** The facts of a failed exchange, read from an axios error (or any error carrying a Node `code`). */
interface FailureFacts {
  status?: number;
  headers: Record<string, unknown>;
  body?: unknown;
  code?: string;
  message: string;
}

function factsOf(err: unknown): FailureFacts {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    cause?: { code?: unknown };
    response?: { status?: unknown; headers?: unknown; data?: unknown };
  };
  const response = e.response;
  const status = typeof response?.status === 'number' ? response.status : undefined;
  const headers = headersOf(response?.headers);
  let code =
    typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  // fetch-style and AbortSignal.timeout() failures carry the reason in the name only.
  if (code === undefined && (e.name === 'AbortError' || e.name === 'TimeoutError')) code = 'ABORT_ERR';
  const message = typeof e.message === 'string' ? e.message : String(err);
  return { status, headers, body: response?.data, code, message };
}

/** Axios gives an AxiosHeaders instance (or a plain object in tests); lower-case keys either way. */
function headersOf(headers: unknown): Record<string, unknown> {
  if (typeof headers !== 'object' || headers === null) return {};
  const source =
    typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON(): Record<string, unknown> }).toJSON()
      : (headers as Record<string, unknown>);
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * A short, single-line, scrubbed excerpt of a response body for an error detail: partners echo back
 * what they received, which may hold identity numbers, so digit runs are scrubbed like in logs.
 */
export function bodySnippet(body: unknown, max: number = BODY_SNIPPET_MAX): string {
  if (body === undefined || body === null) return '';
  let text: string;
  if (Buffer.isBuffer(body)) text = body.subarray(0, max * 4).toString('utf8');
  else if (body instanceof ArrayBuffer)
    text = Buffer.from(body)
      .subarray(0, max * 4)
      .toString('utf8');
  else if (typeof body === 'string') text = body;
  else {
    try {
      text = JSON.stringify(body);
    } catch {
      text = String(body);
    }
  }
  const flat = scrubText(text.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim());
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `LT_<SYSTEM>_<REASON>` from a system name such as 'webhook' or 'paygov'. */
export function systemCode(system: string, reason: string): string {
  return `LT_${system.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${reason}`;
}

/**
 * Classifies a failed HTTP call to `system` (e.g. 'WEBHOOK'). Statuses go to `details.httpStatus`;
 * an LtError passes through unchanged, so adapters may throw their own classified errors inside calls.
 *
 * | failure | kind | retryable | code |
 * |---|---|---|---|
 * | 429 | rate_limited (Retry-After honoured) | yes | `LT_<S>_RATE_LIMITED` |
 * | 503 | transient (Retry-After honoured) | yes | `LT_<S>_UNAVAILABLE` |
 * | 408, client timeout or abort | transient | yes | `LT_<S>_TIMEOUT` |
 * | 425 | transient | yes | `LT_<S>_TOO_EARLY` |
 * | other 5xx | transient | yes | `LT_<S>_SERVER_ERROR` |
 * | other status (4xx, unfollowed 3xx) | permanent | no | `LT_<S>_REJECTED` |
 * | refused, reset, DNS, unreachable | transient | yes | `LT_<S>_UNREACHABLE` |
 * | anything else | transient | yes | `LT_<S>_ERROR` |
 */
export function classifyHttpError(err: unknown, system: string): LtError {
  if (err instanceof LtError) return err;
  const facts = factsOf(err);
  if (facts.status !== undefined) return classifyStatus(facts, system, err);
  const label = system.toLowerCase();
  const code = facts.code;
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    const why =
      code === 'ERR_CANCELED' || code === 'ABORT_ERR'
        ? 'request aborted before the partner answered (attempt time limit or shutdown)'
        : 'no answer within the attempt time limit';
    return new LtError(systemCode(system, 'TIMEOUT'), 'transient', `${label}: ${why} (${code})`, {
      cause: err,
      details: { errorCode: code },
    });
  }
  if ((code !== undefined && UNREACHABLE_CODES.has(code)) || /socket hang up/i.test(facts.message)) {
    return new LtError(
      systemCode(system, 'UNREACHABLE'),
      'transient',
      `${label}: partner unreachable (${code ?? 'socket hang up'})`,
      { cause: err, details: code === undefined ? undefined : { errorCode: code } },
    );
  }
  return new LtError(
    systemCode(system, 'ERROR'),
    'transient',
    `${label}: unexpected failure${code ? ` (${code})` : ''}: ${scrubText(facts.message).slice(0, BODY_SNIPPET_MAX)}`,
    { cause: err, details: code === undefined ? undefined : { errorCode: code } },
  );
}

function classifyStatus(facts: FailureFacts, system: string, cause: unknown): LtError {
  const status = facts.status as number;
  const label = system.toLowerCase();
  const snippet = bodySnippet(facts.body);
  const said = snippet ? `: ${snippet}` : '';
  const details = { httpStatus: status };
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(facts.headers['retry-after']);
    const wait = retryAfterMs === undefined ? '' : ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)`;
    return status === 429
      ? new LtError(
          systemCode(system, 'RATE_LIMITED'),
          'rate_limited',
          `${label}: HTTP 429 rate limited${wait}`,
          {
            cause,
            details,
            retryAfterMs,
          },
        )
      : new LtError(
          systemCode(system, 'UNAVAILABLE'),
          'transient',
          `${label}: HTTP 503 unavailable${wait}${said}`,
          {
            cause,
            details,
            retryAfterMs,
          },
        );
  }
  if (status === 408) {
    return new LtError(systemCode(system, 'TIMEOUT'), 'transient', `${label}: HTTP 408 request timeout`, {
      cause,
      details,
    });
  }
  if (status === 425) {
    return new LtError(systemCode(system, 'TOO_EARLY'), 'transient', `${label}: HTTP 425 too early`, {
      cause,
      details,
    });
  }
  if (status >= 500) {
    return new LtError(systemCode(system, 'SERVER_ERROR'), 'transient', `${label}: HTTP ${status}${said}`, {
      cause,
      details,
    });
  }
  const location = status >= 300 && status < 400 ? facts.headers['location'] : undefined;
  const why =
    location !== undefined
      ? ` (redirect to ${bodySnippet(location)} not followed: configure the final URL)`
      : status === 401 || status === 403
        ? ` (our credentials were not accepted: check systems.${label} credentials and the partner's grants, then replay the dead letters)`
        : '';
  return new LtError(
    systemCode(system, 'REJECTED'),
    'permanent',
    `${label}: HTTP ${status} refused${why}${said}`,
    {
      cause,
      details,
    },
  );
}
