import crypto from 'node:crypto';

/**
 * HMAC and hash primitives for the adapters that authenticate partners with shared secrets (the VXP axis,
 * signed webhooks, payment callbacks). Small and pure, in the shape svix made familiar: constant-time
 * comparison, several secrets active at once (a partner rotating its secret signs with the new one while
 * the old one is still accepted), and a clock tolerance for signed timestamps.
 */
export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** HMAC of the parts, in order, as one message; a string secret is used as its UTF-8 bytes. */
export function hmacDigest(
  algorithm: HmacAlgorithm,
  secret: string | Buffer,
  ...parts: Array<string | Buffer>
): Buffer {
  const mac = crypto.createHmac(algorithm, typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * Constant-time equality of two byte strings of any length: both are hashed first, so neither the position
 * of the first difference nor a length difference shows in the time taken.
 */
export function timingSafeEqualBytes(a: Buffer, b: Buffer): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb) && a.length === b.length;
}

/**
 * The index of the secret whose MAC equals `received`, or -1. Every secret is tried, whatever matched
 * first, so the time taken does not tell which one (or whether one) did.
 */
export function matchingSecret<S>(
  received: Buffer,
  secrets: readonly S[],
  macOf: (secret: S) => Buffer,
): number {
  let found = -1;
  secrets.forEach((secret, i) => {
    if (timingSafeEqualBytes(received, macOf(secret)) && found < 0) found = i;
  });
  return found;
}

/** Whether a signed time is within `toleranceMs` of now, either way (exactly at the edge counts as within). */
export function withinTolerance(signedAtMs: number, nowMs: number, toleranceMs: number): boolean {
  return Number.isFinite(signedAtMs) && Math.abs(nowMs - signedAtMs) <= toleranceMs;
}
