import fs from 'node:fs';
import path from 'node:path';
import { vectorDir } from '../../../test/vectors';
import type { TrustReason } from '../verdict';
import { TrustReasons } from '../verdict';
import type { ChainResult } from './index';
import { ANY_POLICY, Certificate, Crl, validateChain } from './index';

interface PkitsCase {
  test_number: string;
  name: string;
  certs_trust_anchor_first: string[];
  crls: string[];
  expected: 'VALID' | 'INVALID';
  settings?: Record<string, string>;
}

const dir = vectorDir('x509', 'nist-pkits');
const cases: PkitsCase[] = JSON.parse(
  fs.readFileSync(path.join(dir, 'pkits_testcases.json'), 'utf8'),
).testcases;
const TIME = new Date('2020-01-01T00:00:00Z');

const certCache = new Map<string, Certificate>();
const crlCache = new Map<string, Crl>();
const cert = (f: string) =>
  certCache.get(f) ??
  certCache.set(f, Certificate.fromDer(fs.readFileSync(path.join(dir, 'certs', f)))).get(f)!;
const crl = (f: string) =>
  crlCache.get(f) ?? crlCache.set(f, Crl.fromDer(fs.readFileSync(path.join(dir, 'crls', f)))).get(f)!;

/** PKITS names its policies NIST-test-policy-N: 2.16.840.1.101.3.2.1.48.N. */
function policyOids(list: string): string[] {
  if (list === '') return [];
  return list
    .split(',')
    .map((p) => (p === 'anyPolicy' ? ANY_POLICY : `2.16.840.1.101.3.2.1.48.${p.split('-').pop()}`));
}

/** Reason codes asserted for a good spread of the INVALID cases (by test number). */
const REASONS: Record<string, TrustReason> = {
  '4.1.2': TrustReasons.certBadSignature,
  '4.1.3': TrustReasons.certBadSignature,
  '4.1.6': TrustReasons.certBadSignature,
  '4.2.1': TrustReasons.certNotYetValid,
  '4.2.2': TrustReasons.certNotYetValid,
  '4.2.5': TrustReasons.certExpired,
  '4.2.6': TrustReasons.certExpired,
  '4.2.7': TrustReasons.certExpired,
  '4.3.1': TrustReasons.certNameChaining,
  '4.3.2': TrustReasons.certNameChaining,
  '4.4.1': TrustReasons.certRevocationUnknown,
  '4.4.2': TrustReasons.certRevoked,
  '4.4.3': TrustReasons.certRevoked,
  '4.4.4': TrustReasons.certRevocationUnknown,
  '4.4.11': TrustReasons.certRevocationUnknown,
  '4.4.20': TrustReasons.certRevoked,
  '4.6.1': TrustReasons.certNotCa,
  '4.6.2': TrustReasons.certNotCa,
  '4.6.5': TrustReasons.certPathLength,
  '4.6.9': TrustReasons.certPathLength,
  '4.7.1': TrustReasons.certKeyUsage,
  '4.7.2': TrustReasons.certKeyUsage,
  '4.7.4': TrustReasons.certRevocationUnknown,
  '4.8.4': TrustReasons.certPolicy,
  '4.9.3': TrustReasons.certPolicy,
  '4.10.7': TrustReasons.certPolicy,
  '4.12.1': TrustReasons.certPolicy,
  '4.13.2': TrustReasons.certNameConstraints,
  '4.13.22': TrustReasons.certNameConstraints,
  '4.13.31': TrustReasons.certNameConstraints,
  '4.13.35': TrustReasons.certNameConstraints,
  '4.14.2': TrustReasons.certRevoked,
  '4.15.4': TrustReasons.certRevoked,
  '4.16.2': TrustReasons.certCriticalExtension,
};

/**
 * Cases that cannot be met, with what they currently give (asserted so that a change is noticed).
 * Empty: all 249 pass.
 */
const KNOWN_GAPS: Record<string, { gives: 'VALID' | 'INVALID'; why: string }> = {};

/**
 * PKITS lists every certificate a case needs, trust anchor first and end entity last; the middle ones
 * include CRL signers that are not on the certification path (4.4.19, 4.5.6, 4.14.24...), so the middle
 * certificates go to the path builder as a pool rather than being taken as the path.
 */
function run(c: PkitsCase): ChainResult {
  const files = c.certs_trust_anchor_first;
  const s = c.settings ?? {};
  return validateChain(cert(files[files.length - 1]), {
    anchors: [cert(files[0])],
    intermediates: files.slice(1, -1).map(cert),
    crls: c.crls.map(crl),
    time: TIME,
    allowSha1: true,
    revocation: 'require',
    initialPolicySet: s.SetInitialPolicySet !== undefined ? policyOids(s.SetInitialPolicySet) : undefined,
    initialExplicitPolicy: s.SetInitialExplicitPolicy === 'true',
    initialPolicyMappingInhibit: s.SetInitialPolicyMappingInhibit === 'true',
    initialAnyPolicyInhibit: s.SetInitialInhibitAnyPolicy === 'true',
  });
}

let asExpected = 0;
const failures: string[] = [];

afterAll(() => {
  console.log(
    `PKITS: ${asExpected} of ${cases.length} as expected; known gaps: ${Object.keys(KNOWN_GAPS).length}` +
      (failures.length ? `; unexpected: ${failures.join(', ')}` : ''),
  );
});

describe('NIST PKITS 1.0.1 path validation', () => {
  test('all 249 cases are present', () => {
    expect(cases).toHaveLength(249);
  });

  test.each(cases.map((c) => [`${c.test_number} ${c.name}`, c] as const))('%s', (label, c) => {
    const r = run(c);
    const got = r.valid ? 'VALID' : 'INVALID';
    const gap = KNOWN_GAPS[label];
    const want = gap ? gap.gives : c.expected;
    if (got === want) asExpected += gap ? 0 : 1;
    else failures.push(`${label} gave ${got}${r.valid ? '' : ` (${r.reason}: ${r.detail})`}`);
    expect({ label, got, detail: r.valid ? undefined : `${r.reason} ${r.detail}` }).toMatchObject({
      label,
      got: want,
    });
    const reason = REASONS[c.test_number];
    if (reason && !r.valid) expect(r.reason).toBe(reason);
    const ucps = c.settings?.SetUserConstrainedPolicySet;
    if (r.valid && ucps !== undefined)
      expect([...(r.policies ?? [])].sort()).toEqual(policyOids(ucps).sort());
  });
});
