import { SignedXml } from 'xml-crypto';
import { TrustReasons } from '../verdict';
import { C14N, ENVELOPED, EXC_C14N, type SignatureMethodSpec } from './algorithms';
import type { CandidateKey } from './keys';
import { hashClasses, verifierClass } from './plugins';
import { SigRefusal } from './refusal';
import type { RawSignedInfo } from './signed-info';

export interface EngineInput {
  /** The checked text, exactly as parsed by parseSafeXml (xml-crypto parses it again itself). */
  text: string;
  signature: Element;
  signedInfo: RawSignedInfo;
  method: SignatureMethodSpec;
  candidates: CandidateKey[];
  allowSha1: boolean;
  wssecurity: boolean;
}

export interface EngineOutput {
  signedReferences: string[];
  key: CandidateKey;
}

/** The xml-crypto fields that checkSignature reads but its typings keep private. */
interface LoadedState {
  canonicalizationAlgorithm?: string;
  signatureAlgorithm?: string;
  signatureValue: string;
}

/**
 * Runs xml-crypto's reference and signature validation with its algorithm tables cut down to our allow-list
 * and our own verifier plugged in. What xml-crypto reads loosely (descendant XPath for the methods, the
 * first SignatureValue text node) is overwritten with what our strict reading found, so both agree.
 */
export function runXmlCrypto(input: EngineInput, signatureValue: string): EngineOutput {
  let matched: CandidateKey | undefined;
  const sig = new SignedXml({
    idMode: input.wssecurity ? 'wssecurity' : undefined,
    // Never a KeyInfo certificate: the verifier class below holds the only keys that count.
    getCertFromKeyInfo: () => null,
    publicCert: input.candidates[0].key,
  });
  const defaults = sig.CanonicalizationAlgorithms;
  sig.CanonicalizationAlgorithms = {
    [C14N]: defaults[C14N],
    [EXC_C14N]: defaults[EXC_C14N],
    [ENVELOPED]: defaults[ENVELOPED],
  };
  sig.HashAlgorithms = hashClasses(input.allowSha1);
  const uri = input.signedInfo.signatureMethod;
  sig.SignatureAlgorithms = {
    [uri]: verifierClass(uri, input.method, input.candidates, (c) => (matched ??= c)),
  };
  try {
    sig.loadSignature(input.signature);
  } catch (err) {
    throw new SigRefusal(TrustReasons.malformedSignature, `xml-crypto: ${(err as Error).message}`);
  }
  const state = sig as unknown as LoadedState;
  state.canonicalizationAlgorithm = input.signedInfo.canonicalization;
  state.signatureAlgorithm = uri;
  state.signatureValue = signatureValue;
  assertSameReferences(sig, input.signedInfo);
  let valid: boolean;
  try {
    valid = sig.checkSignature(input.text);
  } catch (err) {
    throw classify((err as Error).message);
  }
  if (!valid) throw referenceFailure(sig);
  if (matched === undefined) throw new SigRefusal(TrustReasons.badSignature, 'no candidate key verified');
  return { signedReferences: sig.getSignedReferences(), key: matched };
}

/** xml-crypto must have loaded the very References we checked, or the two readings could be played apart. */
function assertSameReferences(sig: SignedXml, signedInfo: RawSignedInfo): void {
  const loaded = sig.getReferences();
  const same =
    loaded.length === signedInfo.references.length &&
    loaded.every((ref, i) => {
      const mine = signedInfo.references[i];
      const digest = String(ref.digestValue ?? '').replace(/\s+/g, '');
      return (
        (ref.uri ?? '') === mine.uri &&
        ref.digestAlgorithm === mine.digestMethod &&
        digest === mine.digestValue
      );
    });
  if (!same) {
    throw new SigRefusal(TrustReasons.malformedSignature, 'the References could not be read unambiguously');
  }
}

function referenceFailure(sig: SignedXml): SigRefusal {
  const failed = sig.getReferences().find((ref) => ref.validationError !== undefined);
  const message = failed?.validationError?.message ?? '';
  if (message.includes('could not find such element')) {
    return new SigRefusal(TrustReasons.referenceMissing, `Reference ${failed?.uri} resolves to nothing`);
  }
  return new SigRefusal(
    TrustReasons.digestMismatch,
    `the digest of Reference '${failed?.uri ?? '?'}' does not match: the signed content was changed`,
  );
}

function classify(message: string): SigRefusal {
  if (message.startsWith('invalid signature: the signature value')) {
    return new SigRefusal(
      TrustReasons.badSignature,
      'the SignatureValue does not verify with any trusted key',
    );
  }
  if (message.includes('signature wrapping')) return new SigRefusal(TrustReasons.wrapping, message);
  return new SigRefusal(TrustReasons.malformedSignature, `xml-crypto: ${message}`);
}
