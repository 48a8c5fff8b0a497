import { bodySnippet, classifyHttpError } from '../../src/adapter/http-errors';
import { LtError } from '../../src/errors';

/**
 * VXP (national document-exchange axis) failures. Transport follows the shared HTTP rules (5xx, 408, 429,
 * timeouts and refused connections retry; other 4xx are permanent), except that 401 and 403 are
 * `LT_VXP_AUTH`: a wrong systemid or secret is fixed by an operator, not by retrying. An answer with
 * `ErrorCode` other than "0" is the axis' business refusal, permanent (the same request gets the same
 * answer). The axis' real ErrorCode table is unknown [U]; "401" is read as an auth refusal because the
 * simulator uses it (its "403", a sender agency of another system, stays a permanent rejection).
 */
export function classifyVxpError(err: unknown): LtError {
  const classified = classifyHttpError(err, 'VXP');
  const status = classified.details?.httpStatus;
  if (status !== 401 && status !== 403) return classified;
  const body = (err as { response?: { data?: unknown } }).response?.data;
  const said = bodySnippet(body);
  return new LtError(
    'LT_VXP_AUTH',
    'auth',
    `vxp: HTTP ${status}: the axis refused our signature or systemid (check systems.idesk systemId and secret)${said ? `: ${said}` : ''}`,
    { cause: err, details: { httpStatus: status } },
  );
}

/** `ErrorCode` other than "0" in a well-formed answer. */
export function vxpRejected(call: string, errorCode: string, errorDesc: string): LtError {
  const auth = errorCode === '401';
  return new LtError(
    auth ? 'LT_VXP_AUTH' : 'LT_VXP_REJECTED',
    auth ? 'auth' : 'permanent',
    `vxp ${call}: ErrorCode ${errorCode}: ${bodySnippet(errorDesc, 300)}`,
    { details: { call, errorCode } },
  );
}

/** An answer the SDK could not read either (not JSON, no ErrorCode, no DocId): a proxy page, retried. */
export function vxpUnexpected(call: string, detail: string): LtError {
  return new LtError('LT_VXP_UNEXPECTED_ANSWER', 'transient', `vxp ${call}: unexpected answer: ${detail}`, {
    details: { call },
  });
}

/**
 * A parameter that cannot travel in a header: the SDK's HttpClient writes the low byte of each character,
 * so `Văn` leaves as `V\x03n` and the axis can no longer verify the HMAC; control characters would split
 * headers. Refused before sending, never retried.
 */
export function vxpHeaderNotAscii(name: string): LtError {
  return new LtError(
    'LT_VXP_HEADER_NOT_ASCII',
    'validation',
    `vxp: parameter ${name} must be printable ASCII (it travels in a signed header)`,
    { details: { parameter: name } },
  );
}

/** Codes of a refused incoming signed request (simulator side). */
export const VxpSignatureReasons = {
  missing: 'LT_VXP_SIGNATURE_MISSING',
  malformed: 'LT_VXP_SIGNATURE_MALFORMED',
  invalid: 'LT_VXP_SIGNATURE_INVALID',
  stale: 'LT_VXP_SIGNATURE_STALE',
  unknownSystem: 'LT_VXP_UNKNOWN_SYSTEM',
} as const;

export type VxpSignatureReason = (typeof VxpSignatureReasons)[keyof typeof VxpSignatureReasons];

/** A refused incoming signed request: kind `auth`, never retryable. */
export function vxpSignatureError(code: VxpSignatureReason, detail: string): LtError {
  return new LtError(code, 'auth', `vxp signature: ${detail}`);
}
