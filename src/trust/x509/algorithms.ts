import type { KeyObject } from 'node:crypto';
import crypto from 'node:crypto';
import { children, decodeOid, readTlv } from './der';

/** A signature AlgorithmIdentifier as found on the wire: its OID and the encoded parameters, if any. */
export interface SigAlg {
  oid: string;
  params?: Buffer;
}

/** What a signature algorithm is, in the names the verdict reports (`rsa-sha256`, `ecdsa-sha384`, ...). */
export interface AlgorithmDescriptor {
  name: string;
  /** node:crypto digest name, or null for Ed25519 (which hashes internally). */
  hash: string | null;
  family: 'rsa' | 'rsa-pss' | 'dsa' | 'ecdsa' | 'ed25519';
  sha1: boolean;
  md5: boolean;
}

/** Which legacy digests a route tolerates. MD5 is never accepted, whatever the policy. */
export interface AlgorithmPolicy {
  allowSha1: boolean;
}

const TABLE: Record<string, [AlgorithmDescriptor['family'], string | null]> = {
  '1.2.840.113549.1.1.4': ['rsa', 'md5'],
  '1.2.840.113549.1.1.5': ['rsa', 'sha1'],
  '1.3.14.3.2.29': ['rsa', 'sha1'],
  '1.2.840.113549.1.1.14': ['rsa', 'sha224'],
  '1.2.840.113549.1.1.11': ['rsa', 'sha256'],
  '1.2.840.113549.1.1.12': ['rsa', 'sha384'],
  '1.2.840.113549.1.1.13': ['rsa', 'sha512'],
  '1.2.840.10040.4.3': ['dsa', 'sha1'],
  '2.16.840.1.101.3.4.3.1': ['dsa', 'sha224'],
  '2.16.840.1.101.3.4.3.2': ['dsa', 'sha256'],
  '1.2.840.10045.4.1': ['ecdsa', 'sha1'],
  '1.2.840.10045.4.3.1': ['ecdsa', 'sha224'],
  '1.2.840.10045.4.3.2': ['ecdsa', 'sha256'],
  '1.2.840.10045.4.3.3': ['ecdsa', 'sha384'],
  '1.2.840.10045.4.3.4': ['ecdsa', 'sha512'],
  '1.3.101.112': ['ed25519', null],
};

const RSA_PSS = '1.2.840.113549.1.1.10';
const MGF1 = '1.2.840.113549.1.1.8';
const HASH_OIDS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Parses an encoded AlgorithmIdentifier. */
export function parseAlgorithmIdentifier(der: Buffer): SigAlg {
  const [oid, params] = children(readTlv(der).value);
  const isNull = !params || (params.tag === 0x05 && params.value.length === 0);
  return { oid: decodeOid(oid.value), params: isNull ? undefined : params.raw };
}

interface PssParams {
  hash: string;
  mgfHash: string;
  saltLength: number;
}

/** RSASSA-PSS-params (RFC 4055): every field has a default (SHA-1, MGF1-SHA-1, salt 20). */
function parsePss(params: Buffer | undefined): PssParams | undefined {
  const out: PssParams = { hash: 'sha1', mgfHash: 'sha1', saltLength: 20 };
  if (!params) return out;
  for (const f of children(readTlv(params).value)) {
    const inner = readTlv(f.value);
    if (f.tag === 0xa0) out.hash = HASH_OIDS[decodeOid(children(inner.value)[0].value)] ?? '';
    else if (f.tag === 0xa1) {
      const [mgfOid, mgfParams] = children(inner.value);
      if (decodeOid(mgfOid.value) !== MGF1 || !mgfParams) return undefined;
      out.mgfHash = HASH_OIDS[decodeOid(children(mgfParams.value)[0].value)] ?? '';
    } else if (f.tag === 0xa2) out.saltLength = inner.value.readUIntBE(0, Math.min(inner.value.length, 6));
    else if (f.tag === 0xa3 && inner.value.readUIntBE(0, inner.value.length) !== 1) return undefined;
  }
  return out.hash ? out : undefined;
}

/** Describes a signature algorithm, or undefined when it is not one we verify. */
export function describeAlgorithm(alg: SigAlg): AlgorithmDescriptor | undefined {
  if (alg.oid === RSA_PSS) {
    const p = parsePss(alg.params);
    if (!p) return undefined;
    return {
      name: `rsa-pss-${p.hash}`,
      hash: p.hash,
      family: 'rsa-pss',
      sha1: p.hash === 'sha1',
      md5: false,
    };
  }
  const row = TABLE[alg.oid];
  if (!row) return undefined;
  const [family, hash] = row;
  return {
    name: hash ? `${family}-${hash}` : family,
    hash,
    family,
    sha1: hash === 'sha1',
    md5: hash === 'md5',
  };
}

/** Whether the policy accepts this algorithm (MD5 never; SHA-1 only when allowed). */
export function algorithmAllowed(d: AlgorithmDescriptor, policy: AlgorithmPolicy): boolean {
  if (d.md5) return false;
  return !d.sha1 || policy.allowSha1;
}

/**
 * Verifies `signature` over `tbsDer` with node:crypto. Returns false (never throws) for a wrong
 * signature, a key of the wrong type, or an algorithm we do not know: all mean "not verified".
 */
export function verifySignature(tbsDer: Buffer, signature: Buffer, alg: SigAlg, key: KeyObject): boolean {
  const d = describeAlgorithm(alg);
  if (!d) return false;
  try {
    if (d.family === 'rsa-pss') {
      const p = parsePss(alg.params)!;
      // node:crypto ties the MGF1 digest to the message digest; a split choice cannot be checked.
      if (p.mgfHash !== p.hash) return false;
      return crypto.verify(
        p.hash,
        tbsDer,
        { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: p.saltLength },
        signature,
      );
    }
    if (d.family === 'rsa' && key.asymmetricKeyType !== 'rsa') return false;
    return crypto.verify(d.hash, tbsDer, key, signature);
  } catch {
    return false;
  }
}
