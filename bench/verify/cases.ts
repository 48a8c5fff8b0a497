import { createPublicKey, createPrivateKey, sign, verify as rsaVerify } from 'node:crypto';
import { verifyCms } from '../../src/trust/cms';
import { fixedTrustStore } from '../../src/trust/store';
import { verifyCmsSignature, verifyXml } from '../../src/trust/verify';
import type { Verdict } from '../../src/trust/verdict';
import { Certificate } from '../../src/trust/x509';
import { verifyXmlSignature } from '../../src/trust/xmldsig';
import type { Verification } from './measure';
import type { BenchPki } from './pki';

/** The inputs every case verifies: made once, verified many times. */
export interface Inputs {
  pki: BenchPki;
  edxml: Buffer;
  cms: Buffer;
}

/** The measured verifications, by the name of their result field (without `PerSec`). */
export type CaseName = 'xmldsig' | 'xmldsigMathOnly' | 'cms' | 'cmsMathOnly' | 'nodeRsaVerify';

// The edge's answer counts only when it is valid through the chain: a pinned-key or untrusted verdict
// would mean the benchmark skipped the path validation it claims to measure.
const trusted = (v: Verdict): true | string =>
  v.status === 'valid' && v.trustedBy === 'chain' ? true : `${v.status} ${v.reason}: ${v.detail}`;

/** The message `openssl speed` signs is a digest-sized buffer; a short message keeps hashing negligible. */
const SHORT_MESSAGE = Buffer.alloc(36, 0x5a);

/** Builds each case as a closure over its inputs, so that the timed loop calls nothing else. */
export function makeCases(inputs: Inputs): Record<CaseName, Verification> {
  const { pki, edxml, cms } = inputs;
  const store = fixedTrustStore([Certificate.parseAll(Buffer.from(pki.caCertPem))[0]], { revocation: 'off' });
  const publicKey = createPublicKey(pki.agencyCertPem);
  const rawSignature = sign('sha256', SHORT_MESSAGE, createPrivateKey(pki.agencyKeyPem));
  return {
    xmldsig: async () => trusted((await verifyXml(edxml, { store })).verdict),
    xmldsigMathOnly: () => {
      const r = verifyXmlSignature(edxml, { pinnedKeys: [publicKey] });
      if (!r.ok) return `${r.reason}: ${r.detail}`;
      return r.keySource === 'pinned' ? true : `verified with a ${r.keySource} key, not the pinned one`;
    },
    cms: async () => trusted((await verifyCmsSignature(cms, { store })).verdict),
    cmsMathOnly: () => {
      const r = verifyCms(cms, {});
      return r.ok ? true : `${r.reason}: ${r.detail}`;
    },
    nodeRsaVerify: () =>
      rsaVerify('sha256', SHORT_MESSAGE, publicKey, rawSignature) || 'crypto.verify returned false',
  };
}
