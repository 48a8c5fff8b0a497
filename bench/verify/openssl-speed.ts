import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** RSA-2048 verifications per second as `openssl speed` reports them, or null and why not. */
export type SpeedResult = { verifyPerSec: number; source: string } | { verifyPerSec: null; reason: string };

const number = (s: string | undefined): number | undefined => {
  if (s === undefined || !/^\d+(\.\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

/**
 * Reads the verify/s column of the `rsa 2048 bits` line. The columns are named by the header above the
 * table, because OpenSSL 3.0 prints `sign verify sign/s verify/s` and 3.2+ adds encrypt/decrypt (and
 * encaps/decaps) columns. Falls back to the progress line `N 2048 bits public RSA's in T s` (3.0).
 */
export function parseOpensslSpeed(output: string): SpeedResult {
  const lines = output.split(/\r?\n/);
  const row = lines.findIndex((l) => /^\s*rsa\s+2048\s+bits\b/i.test(l));
  if (row >= 0) {
    const header = lines
      .slice(0, row)
      .reverse()
      .find((l) => /\bverify\/s\b/.test(l));
    const values = lines[row]
      .replace(/^\s*rsa\s+2048\s+bits\s+/i, '')
      .trim()
      .split(/\s+/);
    const names = header?.trim().split(/\s+/) ?? [];
    const at = names.indexOf('verify/s');
    const value = names.length === values.length ? number(values[at]) : undefined;
    if (value !== undefined) return { verifyPerSec: value, source: 'verify/s column of the rsa 2048 line' };
  }
  const progress = /(\d+) 2048 bits? public RSA'?s in ([\d.]+)s/i.exec(output);
  if (progress) {
    const perSec = Number(progress[1]) / Number(progress[2]);
    if (Number.isFinite(perSec) && perSec > 0) return { verifyPerSec: perSec, source: 'progress line' };
  }
  return {
    verifyPerSec: null,
    reason: row >= 0 ? 'the rsa 2048 line has no readable verify/s column' : 'no rsa 2048 line in the output',
  };
}

/** Runs `openssl speed -seconds <s> rsa2048` (single process: no -multi) and parses it. */
export async function opensslSpeed(seconds: number): Promise<SpeedResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'openssl',
      ['speed', '-seconds', String(seconds), 'rsa2048'],
      { maxBuffer: 4 * 1024 * 1024 },
    );
    return parseOpensslSpeed(`${stderr}\n${stdout}`);
  } catch (err) {
    return { verifyPerSec: null, reason: `openssl speed failed: ${(err as Error).message.split('\n')[0]}` };
  }
}
