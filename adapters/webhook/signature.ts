import { hmacDigest, matchingSecret, withinTolerance } from '../../src/trust/hmac';
import { LtError } from '../../src/errors';

/**
 * The webhook signature, in the shape Stripe and Svix made familiar:
 *
 *     X-LienThong-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * The timestamp is signed with the body so a captured request cannot be replayed later; receivers
 * check it against a tolerance window. A header may carry several `v1=` entries (a sender rotating
 * secrets signs with both); a receiver accepts the request when any entry matches any active secret.
 * Verification is constant-time and fails closed.
 */
export const SIGNATURE_HEADER = 'X-LienThong-Signature';

/** How far a signature's timestamp may be from the receiver's clock. @defaultValue 300 s */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of `<t>.<body>`, hashing the raw bytes (never a re-serialised JSON). */
export function computeSignature(secret: string, timestamp: number, body: Buffer): string {
  return hmacDigest('sha256', secret, `${timestamp}.`, body).toString('hex');
}

/** The header value for one body. */
export function signWebhookBody(
  secret: string,
  body: Buffer,
  timestamp: number = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

export interface VerifyOptions {
  /** @defaultValue {@link DEFAULT_TOLERANCE_SECONDS} */
  toleranceSeconds?: number;
  /** The receiver's clock, in unix seconds (tests pin it). */
  nowSeconds?: number;
}

/**
 * Verifies a signature header against the raw body; returns the signed timestamp. Throws an LtError of
 * kind 'signature': LT_WEBHOOK_SIGNATURE_MISSING, _MALFORMED, _STALE or _INVALID.
 */
export function verifyWebhookSignature(
  header: string | undefined,
  body: Buffer,
  secrets: string | readonly string[],
  options: VerifyOptions = {},
): number {
  if (header === undefined || header.trim() === '') {
    throw new LtError('LT_WEBHOOK_SIGNATURE_MISSING', 'signature', `${SIGNATURE_HEADER} header is required`);
  }
  const { timestamp, signatures } = parseHeader(header);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!withinTolerance(timestamp, now, tolerance)) {
    throw new LtError(
      'LT_WEBHOOK_SIGNATURE_STALE',
      'signature',
      `${SIGNATURE_HEADER} timestamp ${timestamp} is more than ${tolerance} s from the receiver's clock ${now}`,
    );
  }
  const keys = typeof secrets === 'string' ? [secrets] : secrets;
  const mac = (secret: string) => Buffer.from(computeSignature(secret, timestamp, body), 'hex');
  if (signatures.some((s) => matchingSecret(s, keys, mac) >= 0)) return timestamp;
  throw new LtError(
    'LT_WEBHOOK_SIGNATURE_INVALID',
    'signature',
    `${SIGNATURE_HEADER} does not match the body`,
  );
}

function parseHeader(header: string): { timestamp: number; signatures: Buffer[] } {
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value) && timestamp === undefined) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(Buffer.from(value, 'hex'));
    // Other schemes (v0, future v2) are ignored so that senders can add them without breaking receivers.
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new LtError(
      'LT_WEBHOOK_SIGNATURE_MALFORMED',
      'signature',
      `${SIGNATURE_HEADER} must be "t=<unix seconds>,v1=<64 hex digits>"`,
    );
  }
  return { timestamp, signatures };
}
