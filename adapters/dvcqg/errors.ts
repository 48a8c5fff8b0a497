import { classifyHttpError } from '../../src/adapter/http-errors';
import { LtError } from '../../src/errors';

/**
 * National portal failures. Transport failures follow the shared HTTP rules (5xx, timeouts, refused
 * connections are retried). An answer with a non-success `error_code` is a business rejection: permanent,
 * because sending the same data again gets the same answer; it becomes a dead letter an operator reads.
 */
export function classifyDvcqgError(err: unknown): LtError {
  return classifyHttpError(err, 'DVCQG');
}

export function dvcqgRejected(service: string, code: unknown, message: string): LtError {
  return new LtError(
    'LT_DVCQG_REJECTED',
    'permanent',
    `dvcqg ${service}: error_code ${JSON.stringify(code)}: ${message.slice(0, 500)}`,
    { details: { service, errorCode: String(code) } },
  );
}

/** Login refused: wrong credentials do not fix themselves, but an operator can fix them and replay. */
export function dvcqgLoginFailed(code: unknown, message: string): LtError {
  return new LtError(
    'LT_DVCQG_AUTH',
    'auth',
    `dvcqg login refused: error_code ${JSON.stringify(code)}: ${message}`,
  );
}

/** What we would send fails the portal's own rules: a mapping or data problem, never retried. */
export function dvcqgInvalidOutbound(what: string, problems: string[]): LtError {
  return new LtError(
    'LT_DVCQG_INVALID_OUTBOUND',
    'permanent',
    `dvcqg: the ${what} fails the portal's checks: ${problems.slice(0, 5).join('; ')}`,
    { details: { problems } },
  );
}

/** An answer that is not what the portal sends (HTML from a proxy in front of it): retried. */
export function dvcqgUnexpected(detail: string): LtError {
  return new LtError('LT_DVCQG_UNEXPECTED_ANSWER', 'transient', `dvcqg: ${detail}`);
}
