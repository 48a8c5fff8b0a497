import { classifyHttpError } from '../../src/adapter/http-errors';
import { LtError } from '../../src/errors';

/** iGate failures follow the shared HTTP rules; a 401 after a fresh token is an auth problem, not a retry. */
export function classifyIgateError(err: unknown): LtError {
  return classifyHttpError(err, 'IGATE');
}

export function igateTokenRefused(status: number | undefined, body: string): LtError {
  return new LtError(
    'LT_IGATE_AUTH',
    'auth',
    `igate token refused${status ? ` (HTTP ${status})` : ''}: ${body.slice(0, 300)}`,
  );
}

export function igateUnexpected(what: string): LtError {
  return new LtError('LT_IGATE_UNEXPECTED_ANSWER', 'transient', `igate: unexpected answer: ${what}`);
}

/** The dossier cannot be created on iGate with what the registry and procedure map know. */
export function igateUnmapped(detail: string): LtError {
  return new LtError('LT_IGATE_UNMAPPED', 'permanent', `igate: ${detail}`);
}
