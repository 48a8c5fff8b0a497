import * as X from '@peculiar/asn1-x509';
import type { DistributionPointInfo, KeyUsageName, NameConstraintsInfo, RawExtension } from './extensions';
import {
  KeyUsageBit,
  OID,
  distributionPointsOf,
  nameConstraintsOf,
  parseExt,
  policyConstraintsOf,
} from './extensions';
import type { GName } from './general-names';
import { bitsOf, intOf, toGName } from './general-names';

/**
 * The decoded extensions of one certificate. Each is decoded on first use and cached: the edge checks
 * many paths through the same intermediates.
 */
export class CertExtensions {
  private readonly cache = new Map<string, unknown>();

  constructor(readonly raw: RawExtension[]) {}

  private get<T>(oid: string, decode: (e: RawExtension) => T): T | undefined {
    if (this.cache.has(oid)) return this.cache.get(oid) as T | undefined;
    const e = this.raw.find((x) => x.oid === oid);
    const v = e ? decode(e) : undefined;
    this.cache.set(oid, v);
    return v;
  }

  /** OIDs of the extensions marked critical. */
  get criticalOids(): string[] {
    return this.raw.filter((e) => e.critical).map((e) => e.oid);
  }

  get basicConstraints(): { ca: boolean; pathLen?: number } | undefined {
    return this.get(OID.basicConstraints, (e) => {
      const bc = parseExt(e, X.BasicConstraints);
      return { ca: bc.cA, pathLen: bc.pathLenConstraint };
    });
  }

  /** Key usage as a bit mask ({@link KeyUsageBit}); undefined when the extension is absent. */
  get keyUsage(): number | undefined {
    return this.get(OID.keyUsage, (e) => bitsOf(parseExt(e, X.KeyUsage)));
  }

  /** True when the extension is absent (no restriction) or asserts `bit`. */
  allowsKeyUsage(bit: KeyUsageName): boolean {
    const ku = this.keyUsage;
    return ku === undefined || (ku & (1 << KeyUsageBit[bit])) !== 0;
  }

  get extKeyUsage(): string[] | undefined {
    return this.get(OID.extKeyUsage, (e) => [...parseExt(e, X.ExtendedKeyUsage)]);
  }

  /** Subject key identifier, lowercase hex. */
  get subjectKeyIdentifier(): string | undefined {
    return this.get(OID.subjectKeyIdentifier, (e) =>
      Buffer.from(parseExt(e, X.SubjectKeyIdentifier).buffer).toString('hex'),
    );
  }

  /** Authority key identifier's keyIdentifier, lowercase hex. */
  get authorityKeyIdentifier(): string | undefined {
    return this.get(OID.authorityKeyIdentifier, (e) => {
      const k = parseExt(e, X.AuthorityKeyIdentifier).keyIdentifier;
      return k ? Buffer.from(k.buffer).toString('hex') : undefined;
    });
  }

  /** Policy OIDs asserted (qualifiers are not processed, RFC 5280 leaves them to the application). */
  get certificatePolicies(): string[] | undefined {
    return this.get(OID.certificatePolicies, (e) =>
      parseExt(e, X.CertificatePolicies).map((p) => p.policyIdentifier),
    );
  }

  get policyMappings(): { issuer: string; subject: string }[] | undefined {
    return this.get(OID.policyMappings, (e) =>
      parseExt(e, X.PolicyMappings).map((m) => ({
        issuer: m.issuerDomainPolicy,
        subject: m.subjectDomainPolicy,
      })),
    );
  }

  get policyConstraints(): { requireExplicitPolicy?: number; inhibitPolicyMapping?: number } | undefined {
    return this.get(OID.policyConstraints, policyConstraintsOf);
  }

  get inhibitAnyPolicy(): number | undefined {
    return this.get(OID.inhibitAnyPolicy, (e) => intOf(parseExt(e, X.InhibitAnyPolicy).value));
  }

  get nameConstraints(): NameConstraintsInfo | undefined {
    return this.get(OID.nameConstraints, nameConstraintsOf);
  }

  get subjectAltName(): GName[] | undefined {
    return this.get(OID.subjectAltName, (e) => parseExt(e, X.SubjectAlternativeName).map(toGName));
  }

  get cRLDistributionPoints(): DistributionPointInfo[] | undefined {
    return this.get(OID.cRLDistributionPoints, distributionPointsOf);
  }
}
