import { isLtError } from '../../src/errors';
import type { TrustStore } from '../../src/trust/store';
import { TrustReasons } from '../../src/trust/verdict';
import type { TrustReason, Verdict } from '../../src/trust/verdict';
import { statusOf, verifyXml } from '../../src/trust/verify';
import { parseEdxml } from './edxml';
import type { ParsedEdxml } from './edxml';
import type { VerifyPolicy } from './config';

/**
 * The edge for edXML: a package is verified before anything in it is read, and then only what the
 * signature covers is parsed (the signed reference, not the raw bytes), so content slipped in beside a
 * valid signature is never seen. Every outcome is a verdict for the message log.
 */
export type EdgeOutcome =
  | { ok: true; verdict: Verdict; parsed: ParsedEdxml }
  | {
      ok: false;
      /** The signature verdict (valid when the refusal is about the content, not the signature). */
      verdict: Verdict;
      /** Why the package is refused: the verdict's reason, or the edXML reader's LT_EDXML_* code. */
      code: string;
      detail: string;
    };

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

function refusal(reason: TrustReason, detail: string, base: Verdict): EdgeOutcome {
  return { ok: false, verdict: { ...base, status: statusOf(reason), reason, detail }, code: reason, detail };
}

/**
 * Verifies, then parses what the signature covers. Never throws for bad input. The verifier reads the
 * document once (hostile or ill-formed XML is refused there too) and says when it carries no signature.
 */
export async function checkPackage(
  bytes: Buffer,
  trust: TrustStore,
  policy: VerifyPolicy = {},
  at = new Date(),
): Promise<EdgeOutcome> {
  const { verdict, signedReferences } = await verifyXml(bytes, {
    store: trust,
    at,
    allowSha1: policy.allowSha1 ?? false,
    limits: { maxBytes: policy.maxBytes ?? DEFAULT_MAX_BYTES },
  });
  if (verdict.reason === TrustReasons.unsigned) {
    if (policy.requireSignature === false) return parseCovered(bytes, unsignedVerdict(at));
    if (policy.unsignedStatus === 'accept') {
      const outcome = parseCovered(bytes, unsignedVerdict(at));
      // Only a status message may come bare; an unsigned document is refused whatever it says.
      if (!outcome.ok || outcome.parsed.kind === 'status') return outcome;
    }
    return refusal(
      TrustReasons.unsigned,
      'the package carries no XML signature; unsigned packages are not accepted',
      verdict,
    );
  }
  if (verdict.status !== 'valid' || !signedReferences)
    return refusal(verdict.reason, verdict.detail, verdict);
  // The whole package must be under the signature (Reference URI=""): a signature over one element
  // would leave the attachments, or the header, unsigned.
  const covered = signedReferences.find((ref) => /^<(?:[A-Za-z_][\w.-]*:)?edXML[\s>]/.test(ref));
  if (!covered) {
    return refusal(TrustReasons.notCovered, 'the signature does not cover the whole edXML package', verdict);
  }
  return parseCovered(Buffer.from(covered, 'utf8'), verdict);
}

function unsignedVerdict(at: Date): Verdict {
  return {
    kind: 'xmldsig',
    status: 'unsigned',
    reason: TrustReasons.unsigned,
    detail:
      'unsigned package accepted by policy (verify.requireSignature: false, or verify.unsignedStatus: accept)',
    checkedAt: at.toISOString(),
    algorithms: {},
  };
}

function parseCovered(covered: Buffer, verdict: Verdict): EdgeOutcome {
  try {
    return { ok: true, verdict, parsed: parseEdxml(covered) };
  } catch (err) {
    if (!isLtError(err)) throw err;
    return { ok: false, verdict, code: err.code, detail: err.message };
  }
}
