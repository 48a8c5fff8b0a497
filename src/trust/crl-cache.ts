import fs from 'node:fs';
import axios from 'axios';
import type { Logger } from 'pino';
import { LtError } from '../errors';
import { Crl } from './x509';

interface UrlEntry {
  crl?: Crl;
  fetchedAt: number;
  failedAt?: number;
}

const RETRY_AFTER_FAILURE_MS = 60_000;

/**
 * Certificate revocation lists from files (read once) and URLs (fetched, kept until their nextUpdate or
 * `maxAgeMs`, then fetched again). A failed refetch keeps the previous copy and says so in the log: a
 * CA's web server being down for an hour must not make every signature at the edge unverifiable, and a
 * stale list is still better evidence than none (the path check decides what an expired CRL is worth).
 */
export class CrlCache {
  private readonly fromFiles: Crl[] = [];
  private readonly fromUrls = new Map<string, UrlEntry>();
  private refreshing?: Promise<void>;

  constructor(
    private readonly sources: ReadonlyArray<{ file?: string; url?: string }>,
    private readonly options: { maxAgeMs: number; logger?: Logger; timeoutMs?: number },
  ) {}

  /** Reads the files and fetches the URLs once; a missing or unparseable file is an error at start. */
  async load(): Promise<void> {
    for (const source of this.sources) {
      if (source.file) {
        try {
          this.fromFiles.push(Crl.fromDer(fs.readFileSync(source.file)));
        } catch (err) {
          throw new LtError(
            'LT_TRUST_BAD_CRL',
            'validation',
            `${source.file}: not a CRL (${(err as Error).message})`,
          );
        }
      } else if (source.url) {
        this.fromUrls.set(source.url, { fetchedAt: 0 });
      }
    }
    await this.refresh(Date.now());
  }

  /** The lists in force; URLs past their time are refetched first (one refresh at a time). */
  async current(now = Date.now()): Promise<Crl[]> {
    if (this.due(now)) {
      this.refreshing ??= this.refresh(now).finally(() => (this.refreshing = undefined));
      await this.refreshing;
    }
    const fetched = [...this.fromUrls.values()].flatMap((e) => (e.crl ? [e.crl] : []));
    return [...this.fromFiles, ...fetched];
  }

  private due(now: number): boolean {
    return [...this.fromUrls.values()].some((e) => this.expired(e, now));
  }

  private expired(entry: UrlEntry, now: number): boolean {
    // After a failed fetch, wait a minute before the next try instead of hammering the CA's server.
    if (entry.failedAt !== undefined && now - entry.failedAt < RETRY_AFTER_FAILURE_MS) return false;
    if (!entry.crl) return true;
    const next = entry.crl.nextUpdate?.getTime();
    return now - entry.fetchedAt > this.options.maxAgeMs || (next !== undefined && now > next);
  }

  private async refresh(now: number): Promise<void> {
    await Promise.all(
      [...this.fromUrls.entries()]
        .filter(([, entry]) => this.expired(entry, now))
        .map(async ([url, entry]) => {
          try {
            const res = await axios.get<ArrayBuffer>(url, {
              responseType: 'arraybuffer',
              timeout: this.options.timeoutMs ?? 10_000,
              maxContentLength: 50 * 1024 * 1024,
            });
            const crl = Crl.fromDer(Buffer.from(res.data));
            this.fromUrls.set(url, { crl, fetchedAt: now });
          } catch (err) {
            this.fromUrls.set(url, { ...entry, failedAt: now });
            this.options.logger?.warn(
              { url, err: (err as Error).message },
              'could not fetch a CRL; keeping the last copy',
            );
          }
        }),
    );
  }
}
