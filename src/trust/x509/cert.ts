import type { KeyObject } from 'node:crypto';
import crypto from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as X from '@peculiar/asn1-x509';
import type { SignerInfo } from '../verdict';
import type { SigAlg } from './algorithms';
import { parseAlgorithmIdentifier, verifySignature } from './algorithms';
import { children, decodeOid, encodeTlv, readTlv } from './der';
import { CertExtensions } from './cert-extensions';
import type { RawExtension } from './extensions';
import type { Rdns } from './names';
import { displayName, namesEqual, parseName } from './names';
import { parseCertificateBundle } from './bundle';

const DSA_OID = '1.2.840.10040.4.1';

function hexColons(buf: Buffer): string {
  return (buf.toString('hex').toUpperCase().match(/../g) ?? []).join(':');
}

function readExtensions(tbsFields: ReturnType<typeof children>): RawExtension[] {
  const wrapper = tbsFields.find((f) => f.tag === 0xa3);
  if (!wrapper) return [];
  return children(readTlv(wrapper.value).value).map((e) => {
    const parts = children(e.value);
    const critical = parts.length === 3 && parts[1].tag === 0x01 && parts[1].value[0] !== 0;
    return { oid: decodeOid(parts[0].value), critical, value: parts[parts.length - 1].value };
  });
}

/**
 * An X.509 certificate, parsed once. Decoded values come from @peculiar/asn1-x509; the exact encoded
 * pieces (TBS, names, SPKI) are sliced from the DER so signatures and comparisons see the signed bytes.
 * Extension accessors live on {@link CertExtensions} (`cert.ext`), decoded lazily and cached.
 */

/** Parsed certificates by the SHA-256 of their DER, oldest dropped first beyond PARSED_MAX. */
const PARSED = new Map<string, Certificate>();
const PARSED_MAX = 1000;

export class Certificate {
  readonly der: Buffer;
  readonly asn: X.Certificate;
  readonly tbsDer: Buffer;
  readonly signatureAlgorithm: SigAlg;
  /** The signature bits (BIT STRING contents without the unused-bits octet). */
  readonly signature: Buffer;
  readonly subjectDer: Buffer;
  readonly issuerDer: Buffer;
  readonly subjectName: Rdns;
  readonly issuerName: Rdns;
  readonly subject: string;
  readonly issuer: string;
  /** Serial number as its encoded two's-complement bytes (so negative serials compare exactly). */
  readonly serialBytes: Buffer;
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly spkiDer: Buffer;
  readonly spkiAlgorithm: string;
  /** Encoded parameters of the subject key's AlgorithmIdentifier (DSA p, q, g), if present. */
  readonly spkiParams?: Buffer;
  readonly extensions: RawExtension[];
  readonly ext: CertExtensions;
  private keyCache?: KeyObject;
  private fp?: string;
  private readonly verified = new WeakMap<KeyObject, boolean>();

  private constructor(der: Buffer) {
    this.der = der;
    this.asn = AsnConvert.parse(der, X.Certificate);
    const [tbs, sigAlg, sigVal] = children(readTlv(der).value);
    this.tbsDer = tbs.raw;
    this.signatureAlgorithm = parseAlgorithmIdentifier(sigAlg.raw);
    this.signature = sigVal.value.subarray(1);
    const fields = children(tbs.value);
    const base = fields[0].tag === 0xa0 ? 1 : 0;
    this.serialBytes = fields[base].value;
    this.issuerDer = fields[base + 2].raw;
    this.subjectDer = fields[base + 4].raw;
    this.spkiDer = fields[base + 5].raw;
    const [spkiAlg] = children(fields[base + 5].value);
    const alg = parseAlgorithmIdentifier(spkiAlg.raw);
    this.spkiAlgorithm = alg.oid;
    this.spkiParams = alg.params;
    this.issuerName = parseName(this.issuerDer);
    this.subjectName = parseName(this.subjectDer);
    this.issuer = displayName(this.issuerName);
    this.subject = displayName(this.subjectName);
    // Shown as openssl does: without the sign octet DER adds before a high bit (00FC.. -> FC..).
    const shown = this.serialBytes.length > 1 && this.serialBytes[0] === 0 && this.serialBytes[1] & 0x80;
    this.serialHex = (shown ? this.serialBytes.subarray(1) : this.serialBytes).toString('hex').toUpperCase();
    this.notBefore = this.asn.tbsCertificate.validity.notBefore.getTime();
    this.notAfter = this.asn.tbsCertificate.validity.notAfter.getTime();
    this.extensions = readExtensions(fields);
    this.ext = new CertExtensions(this.extensions);
  }

  /**
   * Parses one DER certificate; throws on malformed input. The same certificates arrive with every package
   * of a partner, and a parsed certificate never changes: recent ones are kept, keyed by their bytes.
   */
  static fromDer(der: Buffer | Uint8Array): Certificate {
    const bytes = Buffer.from(der);
    const key = crypto.createHash('sha256').update(bytes).digest('base64');
    const known = PARSED.get(key);
    if (known) return known;
    const cert = new Certificate(bytes);
    if (PARSED.size >= PARSED_MAX) PARSED.delete(PARSED.keys().next().value as string);
    PARSED.set(key, cert);
    return cert;
  }

  /** Every certificate in PEM (one or many CERTIFICATE blocks), DER, or a PKCS#7 certs-only bundle. */
  static parseAll(bytes: Buffer): Certificate[] {
    return parseCertificateBundle(bytes).map((d) => Certificate.fromDer(d));
  }

  /** SHA-256 of the DER, uppercase hex with colons (as `openssl x509 -fingerprint -sha256`). */
  get fingerprint256(): string {
    this.fp ??= hexColons(crypto.createHash('sha256').update(this.der).digest());
    return this.fp;
  }

  get isSelfIssued(): boolean {
    return namesEqual(this.subjectName, this.issuerName);
  }

  /** True for a DSA key whose parameters are to be inherited from the issuer (RFC 5280 §6.1.4 f). */
  get inheritsKeyParams(): boolean {
    return this.spkiAlgorithm === DSA_OID && !this.spkiParams;
  }

  /** The subject public key. */
  publicKey(): KeyObject {
    this.keyCache ??= crypto.createPublicKey({ key: this.spkiDer, format: 'der', type: 'spki' });
    return this.keyCache;
  }

  /** The subject key completed with inherited DSA parameters (PKITS 4.1.5). */
  publicKeyWithParams(params: Buffer): KeyObject {
    const [, bits] = children(readTlv(this.spkiDer).value);
    const alg = encodeTlv(
      0x30,
      Buffer.concat([encodeTlv(0x06, Buffer.from('2a8648ce380401', 'hex')), params]),
    );
    const spki = encodeTlv(0x30, Buffer.concat([alg, bits.raw]));
    return crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' });
  }

  /** Whether `key` verifies this certificate's signature (node:crypto; the result is cached per key). */
  verifiedBy(key: KeyObject): boolean {
    let ok = this.verified.get(key);
    if (ok === undefined) {
      ok = verifySignature(this.tbsDer, this.signature, this.signatureAlgorithm, key);
      this.verified.set(key, ok);
    }
    return ok;
  }

  /** Whether the certificate's validity period contains `time`. */
  validAt(time: Date): boolean {
    return time >= this.notBefore && time <= this.notAfter;
  }

  get basicConstraints() {
    return this.ext.basicConstraints;
  }
  /** Key usage bit mask, bit 0 digitalSignature ... bit 8 decipherOnly (see `KeyUsageBit`). */
  get keyUsage() {
    return this.ext.keyUsage;
  }
  get extKeyUsage() {
    return this.ext.extKeyUsage;
  }
  get subjectKeyIdentifier() {
    return this.ext.subjectKeyIdentifier;
  }
  get authorityKeyIdentifier() {
    return this.ext.authorityKeyIdentifier;
  }
  get certificatePolicies() {
    return this.ext.certificatePolicies;
  }
  get policyMappings() {
    return this.ext.policyMappings;
  }
  get policyConstraints() {
    return this.ext.policyConstraints;
  }
  get inhibitAnyPolicy() {
    return this.ext.inhibitAnyPolicy;
  }
  get nameConstraints() {
    return this.ext.nameConstraints;
  }
  get subjectAltName() {
    return this.ext.subjectAltName;
  }
  get cRLDistributionPoints() {
    return this.ext.cRLDistributionPoints;
  }
  /** OIDs of the critical extensions. */
  get criticalExtensions(): string[] {
    return this.ext.criticalOids;
  }

  /** The signer summary for a {@link SignerInfo} in a verdict. */
  toSignerInfo(): SignerInfo {
    return {
      subject: this.subject,
      issuer: this.issuer,
      serial: this.serialHex,
      fingerprint256: this.fingerprint256,
      notBefore: this.notBefore.toISOString(),
      notAfter: this.notAfter.toISOString(),
    };
  }
}
