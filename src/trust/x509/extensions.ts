import { AsnConvert } from '@peculiar/asn1-schema';
import * as X from '@peculiar/asn1-x509';
import type { GName } from './general-names';
import { bitsOf, intOf, rdnOf, toGName } from './general-names';
import type { Ava } from './names';

/** An extension as found: OID, criticality and the encoded extnValue contents. */
export interface RawExtension {
  oid: string;
  critical: boolean;
  value: Buffer;
}

/** Key usage bit numbers (RFC 5280 §4.2.1.3). */
export const KeyUsageBit = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
  encipherOnly: 7,
  decipherOnly: 8,
} as const;
export type KeyUsageName = keyof typeof KeyUsageBit;

/** A CRL distribution point or issuing distribution point name, reduced for matching. */
export interface DpName {
  fullName?: GName[];
  relative?: Ava[];
}

export interface DistributionPointInfo {
  name?: DpName;
  /** ReasonFlags bits (bit 1 keyCompromise ... bit 8 aACompromise); undefined means all reasons. */
  reasons?: number;
  crlIssuer?: GName[];
}

export interface NameConstraintsInfo {
  permitted?: GName[];
  excluded?: GName[];
}

/** Extension OIDs understood by the path validator; any other critical one fails the path. */
export const OID = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  cRLDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  authorityKeyIdentifier: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  extKeyUsage: '2.5.29.37',
  inhibitAnyPolicy: '2.5.29.54',
  // CRL and CRL entry extensions
  cRLNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  deltaCRLIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  certificateIssuer: '2.5.29.29',
  freshestCRL: '2.5.29.46',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
} as const;

/** Parses one extension value with its schema class. */
export function parseExt<T>(ext: RawExtension, type: new () => T): T {
  return AsnConvert.parse(ext.value, type);
}

export function dpNameOf(dp: X.DistributionPointName | undefined): DpName | undefined {
  if (!dp) return undefined;
  if (dp.fullName) return { fullName: dp.fullName.map(toGName) };
  if (dp.nameRelativeToCRLIssuer) return { relative: rdnOf(dp.nameRelativeToCRLIssuer) };
  return undefined;
}

export function distributionPointsOf(ext: RawExtension): DistributionPointInfo[] {
  return parseExt(ext, X.CRLDistributionPoints).map((dp) => ({
    name: dpNameOf(dp.distributionPoint),
    reasons: dp.reasons ? bitsOf(dp.reasons) : undefined,
    crlIssuer: dp.cRLIssuer?.map(toGName),
  }));
}

export function nameConstraintsOf(ext: RawExtension): NameConstraintsInfo {
  const nc = parseExt(ext, X.NameConstraints);
  return {
    permitted: nc.permittedSubtrees?.map((s) => toGName(s.base)),
    excluded: nc.excludedSubtrees?.map((s) => toGName(s.base)),
  };
}

export function policyConstraintsOf(ext: RawExtension): {
  requireExplicitPolicy?: number;
  inhibitPolicyMapping?: number;
} {
  const pc = parseExt(ext, X.PolicyConstraints);
  return {
    requireExplicitPolicy:
      pc.requireExplicitPolicy !== undefined ? intOf(pc.requireExplicitPolicy) : undefined,
    inhibitPolicyMapping: pc.inhibitPolicyMapping !== undefined ? intOf(pc.inhibitPolicyMapping) : undefined,
  };
}
