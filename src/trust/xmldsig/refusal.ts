import type { TrustReason } from '../verdict';

/**
 * Internal: why a signature was refused, thrown by the checks and turned into an `ok: false` result at the
 * edge of {@link verifyXmlSignature}. Never escapes this folder.
 */
export class SigRefusal extends Error {
  constructor(
    readonly reason: TrustReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'SigRefusal';
  }
}
