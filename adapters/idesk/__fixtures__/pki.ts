import fs from 'node:fs';
import { fixedTrustStore, readCertificateFolder } from '../../../src/trust/store';
import type { TrustStore } from '../../../src/trust/store';
import { createTestPki } from '../../../test/e2e/support/pki';
import type { TestIdentity, TestPki } from '../../../test/e2e/support/pki';
import { loadIdentity } from '../identity';
import type { AgencyIdentity } from '../identity';

/** A signing agency of the tests: its key files and the identity the adapter loads from them. */
export interface TestAgency {
  files: TestIdentity;
  identity: AgencyIdentity;
}

export interface ExchangePki {
  pki: TestPki;
  /** Trusts exactly the test root (no CRLs: revocation is "if available"). */
  trust: TrustStore;
  commune: TestAgency;
  province: TestAgency;
  /** A self-signed certificate no trust store knows. */
  forger: TestAgency;
  cleanup(): void;
}

const agency = (files: TestIdentity): TestAgency => ({
  files,
  identity: loadIdentity({ keyFile: files.keyFile, certificateFile: files.certificateFile }),
});

/** A root CA (openssl, in a temporary folder) with one certificate for each agency of the scenarios. */
export function createExchangePki(): ExchangePki {
  const pki = createTestPki();
  return {
    pki,
    trust: fixedTrustStore(readCertificateFolder(pki.rootsDir)),
    commune: agency(pki.issue('agency-commune')),
    province: agency(pki.issue('agency-province')),
    forger: agency(pki.selfSigned('forger')),
    cleanup: () => fs.rmSync(pki.dir, { recursive: true, force: true }),
  };
}
