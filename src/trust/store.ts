import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { TrustSection } from '../config/types';
import { LtError } from '../errors';
import { TRUST_DIR } from '../paths';
import { CrlCache } from './crl-cache';
import { Certificate } from './x509';
import type { Crl } from './x509';

/**
 * What the edge trusts: root certificates (anchors), CA certificates that only help build chains, and
 * the revocation lists to check them against. Loaded once at start from configured folders (the shipped
 * public Vietnamese roots by default); CRLs fetched from URLs are refreshed when they expire.
 */
export interface TrustStore {
  readonly anchors: readonly Certificate[];
  readonly intermediates: readonly Certificate[];
  /** @defaultValue 'if-available' */
  readonly revocation: 'require' | 'if-available' | 'off';
  /** The revocation lists in force now (a URL's cached copy, refetched once past its nextUpdate). */
  crls(): Promise<Crl[]>;
}

const CERT_FILE = /\.(pem|crt|cer|der|p7b|p7c)$/i;

/** Every certificate in the files of a folder; a file that holds none is an error naming it. */
export function readCertificateFolder(dir: string): Certificate[] {
  if (!fs.existsSync(dir)) {
    throw new LtError('LT_TRUST_FOLDER_MISSING', 'validation', `trust folder ${dir} does not exist`);
  }
  const certs: Certificate[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!CERT_FILE.test(name)) continue;
    certs.push(...readCertificateFile(path.join(dir, name)));
  }
  return certs;
}

/** The certificates of one PEM, DER or PKCS#7 file. */
export function readCertificateFile(file: string): Certificate[] {
  let found: Certificate[];
  try {
    found = Certificate.parseAll(fs.readFileSync(file));
  } catch (err) {
    throw new LtError(
      'LT_TRUST_BAD_CERTIFICATE',
      'validation',
      `${file}: not a certificate (${(err as Error).message})`,
    );
  }
  if (found.length === 0) {
    throw new LtError('LT_TRUST_BAD_CERTIFICATE', 'validation', `${file}: holds no certificate`);
  }
  return found;
}

/** Builds the trust store from the configuration's `trust` block (defaults: the shipped `trust/`). */
export async function loadTrustStore(config: TrustSection, logger?: Logger): Promise<TrustStore> {
  const anchors = readCertificateFolder(path.resolve(config.anchorsDir ?? path.join(TRUST_DIR, 'roots')));
  const intermediates = readCertificateFolder(
    path.resolve(config.intermediatesDir ?? path.join(TRUST_DIR, 'intermediates')),
  );
  if (anchors.length === 0) {
    throw new LtError(
      'LT_TRUST_NO_ANCHORS',
      'validation',
      'trust.anchorsDir holds no certificate: nothing could ever be trusted',
    );
  }
  const crls = new CrlCache(config.crls ?? [], { maxAgeMs: config.crlCacheMs ?? 3_600_000, logger });
  await crls.load();
  logger?.info(
    {
      anchors: anchors.map((a) => a.subject),
      intermediates: intermediates.length,
      crls: (config.crls ?? []).length,
    },
    'trust store loaded',
  );
  return {
    anchors,
    intermediates,
    revocation: config.revocation ?? 'if-available',
    crls: () => crls.current(),
  };
}

/** A trust store of exactly these anchors (the CLI's `--trust`, tests). */
export function fixedTrustStore(
  anchors: readonly Certificate[],
  options: {
    intermediates?: readonly Certificate[];
    crls?: Crl[];
    revocation?: TrustStore['revocation'];
  } = {},
): TrustStore {
  const crls = options.crls ?? [];
  return {
    anchors,
    intermediates: options.intermediates ?? [],
    revocation: options.revocation ?? 'if-available',
    crls: async () => crls,
  };
}
