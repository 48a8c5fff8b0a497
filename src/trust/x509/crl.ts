import type { KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as X from '@peculiar/asn1-x509';
import type { SigAlg } from './algorithms';
import { parseAlgorithmIdentifier, verifySignature } from './algorithms';
import { children, readTlv } from './der';
import type { DpName, RawExtension } from './extensions';
import { OID, dpNameOf, parseExt } from './extensions';
import type { GName } from './general-names';
import { bitsOf, toGName } from './general-names';
import type { Rdns } from './names';
import { displayName, parseName } from './names';

/** One revoked certificate entry. */
export interface CrlEntry {
  /** Serial as its encoded two's-complement bytes. */
  serial: Buffer;
  revocationDate: Date;
  /** CRLReason code (RFC 5280 §5.3.1); undefined when absent (unspecified). */
  reason?: number;
  /** The certificate issuer in force for this entry on an indirect CRL; undefined means the CRL issuer. */
  certificateIssuer?: GName[];
  /** A critical entry extension we do not understand: the CRL cannot be used (PKITS 4.4.8). */
  unknownCritical: boolean;
}

/** The issuingDistributionPoint extension (RFC 5280 §5.2.5). */
export interface IssuingDp {
  name?: DpName;
  onlyUser: boolean;
  onlyCA: boolean;
  onlyAttr: boolean;
  /** ReasonFlags bits; undefined means all reasons. */
  onlySomeReasons?: number;
  indirect: boolean;
}

/** CRLReason removeFromCRL: on a delta CRL it un-revokes an entry of the base CRL. */
export const REMOVE_FROM_CRL = 8;

const KNOWN_CRL_EXTS = new Set<string>([
  OID.authorityKeyIdentifier,
  OID.cRLNumber,
  OID.deltaCRLIndicator,
  OID.issuingDistributionPoint,
  OID.freshestCRL,
  OID.authorityInfoAccess,
]);
const KNOWN_ENTRY_EXTS = new Set<string>([
  OID.reasonCode,
  OID.invalidityDate,
  OID.certificateIssuer,
  '2.5.29.23',
]);

function bigIntOf(ext: RawExtension): bigint {
  const v = readTlv(ext.value).value;
  return v.length ? BigInt('0x' + v.toString('hex')) : 0n;
}

function rawExt(e: X.Extension): RawExtension {
  return { oid: e.extnID, critical: e.critical, value: Buffer.from(e.extnValue.buffer) };
}

function entriesOf(list: X.RevokedCertificate[] | undefined): CrlEntry[] {
  let issuer: GName[] | undefined;
  return (list ?? []).map((r) => {
    const exts = (r.crlEntryExtensions ?? []).map(rawExt);
    const reasonExt = exts.find((e) => e.oid === OID.reasonCode);
    const ciExt = exts.find((e) => e.oid === OID.certificateIssuer);
    // certificateIssuer carries over to the following entries until another one changes it (§5.3.3).
    if (ciExt) issuer = parseExt(ciExt, X.CertificateIssuer).map(toGName);
    return {
      serial: Buffer.from(r.userCertificate),
      revocationDate: r.revocationDate.getTime(),
      reason: reasonExt ? parseExt(reasonExt, X.CRLReason).reason : undefined,
      certificateIssuer: issuer,
      unknownCritical: exts.some((e) => e.critical && !KNOWN_ENTRY_EXTS.has(e.oid)),
    };
  });
}

function idpOf(ext: RawExtension | undefined): IssuingDp | undefined {
  if (!ext) return undefined;
  const i = parseExt(ext, X.IssuingDistributionPoint);
  return {
    name: dpNameOf(i.distributionPoint),
    onlyUser: i.onlyContainsUserCerts,
    onlyCA: i.onlyContainsCACerts,
    onlyAttr: i.onlyContainsAttributeCerts,
    onlySomeReasons: i.onlySomeReasons ? bitsOf(i.onlySomeReasons) : undefined,
    indirect: i.indirectCRL,
  };
}

/** A certificate revocation list, parsed once. */
export class Crl {
  readonly der: Buffer;
  readonly tbsDer: Buffer;
  readonly signatureAlgorithm: SigAlg;
  readonly signature: Buffer;
  readonly issuerDer: Buffer;
  readonly issuerName: Rdns;
  readonly issuer: string;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly entries: CrlEntry[];
  readonly extensions: RawExtension[];
  readonly crlNumber?: bigint;
  /** BaseCRLNumber of a delta CRL; undefined on a complete CRL. */
  readonly deltaBase?: bigint;
  readonly idp?: IssuingDp;
  /** A critical CRL extension we do not understand: the CRL cannot be used (PKITS 4.4.9, 4.4.10). */
  readonly unknownCritical: boolean;
  private readonly verified = new WeakMap<KeyObject, boolean>();

  private constructor(der: Buffer) {
    this.der = der;
    const asn = AsnConvert.parse(der, X.CertificateList);
    const [tbs, sigAlg, sigVal] = children(readTlv(der).value);
    this.tbsDer = tbs.raw;
    this.signatureAlgorithm = parseAlgorithmIdentifier(sigAlg.raw);
    this.signature = sigVal.value.subarray(1);
    const fields = children(tbs.value);
    this.issuerDer = fields[fields[0].tag === 0x02 ? 2 : 1].raw;
    this.issuerName = parseName(this.issuerDer);
    this.issuer = displayName(this.issuerName);
    const t = asn.tbsCertList;
    this.thisUpdate = t.thisUpdate.getTime();
    this.nextUpdate = t.nextUpdate?.getTime();
    this.entries = entriesOf(t.revokedCertificates);
    this.extensions = (t.crlExtensions ?? []).map(rawExt);
    const find = (oid: string) => this.extensions.find((e) => e.oid === oid);
    const num = find(OID.cRLNumber);
    const delta = find(OID.deltaCRLIndicator);
    this.crlNumber = num ? bigIntOf(num) : undefined;
    this.deltaBase = delta ? bigIntOf(delta) : undefined;
    this.idp = idpOf(find(OID.issuingDistributionPoint));
    this.unknownCritical =
      this.extensions.some((e) => e.critical && !KNOWN_CRL_EXTS.has(e.oid)) ||
      this.entries.some((e) => e.unknownCritical);
  }

  /** Parses one DER CRL (or the first CRL of PEM input); throws on malformed input. */
  static fromDer(bytes: Buffer | Uint8Array): Crl {
    const buf = Buffer.from(bytes);
    const pem = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(buf.toString('latin1'));
    return new Crl(pem ? Buffer.from(pem[1].replace(/\s+/g, ''), 'base64') : buf);
  }

  get isDelta(): boolean {
    return this.deltaBase !== undefined;
  }

  /** Whether `time` lies in [thisUpdate, nextUpdate] (a CRL without nextUpdate is never current). */
  currentAt(time: Date): boolean {
    return this.thisUpdate <= time && this.nextUpdate !== undefined && time <= this.nextUpdate;
  }

  /** Verifies the CRL signature with `key` (result cached per key). */
  verify(key: KeyObject): boolean {
    let ok = this.verified.get(key);
    if (ok === undefined) {
      ok = verifySignature(this.tbsDer, this.signature, this.signatureAlgorithm, key);
      this.verified.set(key, ok);
    }
    return ok;
  }
}
