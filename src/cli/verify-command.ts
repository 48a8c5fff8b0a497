import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import type { Command } from 'commander';
import { isLtError } from '../errors';
import { loadTrustStore } from '../trust/store';
import type { TrustStore } from '../trust/store';
import { verifyCertificateFile, verifyCmsSignature, verifyXml } from '../trust/verify';
import type { VerifyContext } from '../trust/verify';
import type { Verdict } from '../trust/verdict';
import { TrustReasons, exitCodeOf } from '../trust/verdict';
import { Certificate } from '../trust/x509';

/**
 * `lienthong verify <file>`: the edge's verdict on one file, as JSON, for an operator checking a document
 * a partner disputes, or an integrator checking a signing set-up. Exit 0 valid and trusted, 1 invalid or
 * untrusted, 2 unusable input (so scripts can tell "bad signature" from "not a signature at all").
 */
export type VerifyKind = 'xmldsig' | 'cms' | 'x509';

export interface VerifyCommandOptions {
  kind?: string;
  trust: string[];
  detached?: string;
  at?: string;
  legacySha1?: boolean;
  hmacKey?: string;
  wssecurity?: boolean;
}

/** Guesses the kind from the bytes: XML, a PEM label, or the DER of a certificate vs. a SignedData. */
export function detectKind(bytes: Buffer): VerifyKind | undefined {
  const head = bytes
    .subarray(0, 64)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  if (head.startsWith('<')) return 'xmldsig';
  const text = bytes.subarray(0, 4096).toString('latin1');
  if (/-----BEGIN (PKCS7|CMS|SIGNED DATA)-----/.test(text)) return 'cms';
  if (/-----BEGIN CERTIFICATE-----/.test(text)) return 'x509';
  if (bytes[0] !== 0x30) return undefined;
  // DER: a SignedData ContentInfo names the pkcs7-signedData OID near the start; a certificate does not.
  const signedDataOid = Buffer.from('06092a864886f70d010702', 'hex');
  return bytes.subarray(0, 32).includes(signedDataOid) ? 'cms' : 'x509';
}

/** `--trust` files: certificates become anchors (and their keys are pinned); public keys are pinned. */
export function readTrustFiles(files: string[]): { anchors: Certificate[]; keys: KeyObject[] } {
  const anchors: Certificate[] = [];
  const keys: KeyObject[] = [];
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    let certs: Certificate[] = [];
    try {
      certs = Certificate.parseAll(bytes);
    } catch {
      certs = [];
    }
    if (certs.length > 0) {
      anchors.push(...certs);
      keys.push(...certs.map((c) => c.publicKey()));
      continue;
    }
    const pem = bytes.toString('utf8');
    keys.push(
      pem.includes('-----BEGIN')
        ? createPublicKey(pem)
        : createPublicKey({ key: bytes, format: 'der', type: 'spki' }),
    );
  }
  return { anchors, keys };
}

function unusable(kind: Verdict['kind'], reason: Verdict['reason'], detail: string): Verdict {
  return { kind, status: 'unusable', reason, detail, checkedAt: new Date().toISOString(), algorithms: {} };
}

/** Runs one verification; never throws for bad input (that is a verdict with status unusable). */
export async function runVerify(
  file: string,
  options: VerifyCommandOptions,
  store: TrustStore,
): Promise<Verdict> {
  const bytes = fs.readFileSync(file);
  const kind = (options.kind ?? detectKind(bytes)) as VerifyKind | undefined;
  if (kind !== 'xmldsig' && kind !== 'cms' && kind !== 'x509') {
    const detail = options.kind
      ? `unknown kind "${options.kind}" (xmldsig, cms or x509)`
      : 'cannot tell what kind of file this is';
    return unusable('x509', TrustReasons.unknownKind, detail);
  }
  const at = options.at ? new Date(options.at) : new Date();
  if (Number.isNaN(at.getTime()))
    return unusable(kind, TrustReasons.unknownKind, `--at ${options.at} is not an ISO time`);
  const trusted = readTrustFiles(options.trust);
  const ctx: VerifyContext = {
    store: { ...store, anchors: [...store.anchors, ...trusted.anchors] },
    at,
    allowSha1: options.legacySha1 ?? false,
    pinnedKeys: trusted.keys,
    extraCertificates: trusted.anchors,
    hmacKeys: options.hmacKey ? [fs.readFileSync(options.hmacKey)] : undefined,
    idMode: options.wssecurity ? 'wssecurity' : undefined,
  };
  if (kind === 'xmldsig') return (await verifyXml(bytes, ctx)).verdict;
  if (kind === 'cms') {
    const detachedContent = options.detached ? fs.readFileSync(options.detached) : undefined;
    return (await verifyCmsSignature(bytes, { ...ctx, detachedContent })).verdict;
  }
  return verifyCertificateFile(bytes, ctx);
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify <file>')
    .description(
      'verify a signed file (XML-DSig, CMS/PKCS#7) or a certificate against the trust store; prints the verdict as JSON',
    )
    .option('--kind <kind>', 'xmldsig | cms | x509 (guessed from the file when absent)')
    .option(
      '--trust <file>',
      'a certificate to trust, or a public key to pin, for this call (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--detached <file>', 'the signed content of a detached CMS signature')
    .option('--at <time>', 'check validity at this ISO 8601 time instead of now')
    .option('--legacy-sha1', 'accept SHA-1 signatures (old edXML); the verdict is flagged legacySha1')
    .option('--hmac-key <file>', 'a shared secret for an HMAC XML signature')
    .option('--wssecurity', 'also resolve wsu:Id references (WS-Security)')
    .action(async (file: string, options: VerifyCommandOptions) => {
      let verdict: Verdict;
      try {
        const store = await loadTrustStore({ revocation: 'if-available' });
        verdict = await runVerify(file, options, store);
      } catch (err) {
        const detail = isLtError(err) ? `${err.code}: ${err.message}` : (err as Error).message;
        verdict = unusable((options.kind as Verdict['kind']) ?? 'x509', TrustReasons.unreadable, detail);
      }
      process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
      process.exitCode = exitCodeOf(verdict);
    });
}
