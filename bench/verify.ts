/**
 * `npm run bench:verify`: what one signature verification at the edge costs, against the raw RSA it is
 * built on. In the same run, single-threaded, one call at a time:
 * - xmldsig: `verifyXml` on a signed edXML package (~30 KB, RSA-2048, SHA-256, certificate in KeyInfo):
 *   safe parse, hardened xml-crypto, certificate path from a root CA to the agency certificate against a
 *   fixed trust store (revocation off); xmldsigMathOnly: `verifyXmlSignature` with the key pinned, no path;
 * - cms: `verifyCmsSignature` on an attached CMS SignedData with signed attributes (`openssl cms -sign`, a
 *   ~30 KB file) against the same store; cmsMathOnly: `verifyCms`, no path;
 * - nodeRsaVerify: node:crypto `crypto.verify('sha256', 36 bytes, key, sig)`, RSA-2048;
 * - opensslRsaVerify: the verify/s column of `openssl speed -seconds 2 rsa2048` (user CPU time, as
 *   openssl counts it; null with a reason when it cannot be read).
 * Each case runs BENCH_SECONDS (default 3) after a warm-up, in BENCH_ROUNDS (default 3) rounds whose order
 * rotates so that a noisy host hits every case alike; rates are medians of the rounds, ratios medians of
 * the rounds' own ratios. Every verification's result is checked: one that is not valid aborts the run.
 * The last line is JSON: {"xmldsigPerSec","cmsPerSec","nodeRsaVerifyPerSec","opensslRsaVerifyPerSec",...}.
 * Other knobs: BENCH_DOC_BYTES (default 30000), BENCH_OPENSSL_SECONDS (default 2).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeCases } from './verify/cases';
import type { CaseName } from './verify/cases';
import { median, round1, sig3, timed } from './verify/measure';
import type { Sample } from './verify/measure';
import { opensslSpeed } from './verify/openssl-speed';
import type { SpeedResult } from './verify/openssl-speed';
import { makePki, opensslVersion, signCms } from './verify/pki';
import { pdfLike, signedEdxml } from './verify/workload';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DOC_BYTES = Number(process.env.BENCH_DOC_BYTES ?? 30_000);
const OPENSSL_SECONDS = Number(process.env.BENCH_OPENSSL_SECONDS ?? 2);
const WARMUP_SECONDS = Math.min(1, SECONDS);
const CASES: CaseName[] = ['xmldsig', 'xmldsigMathOnly', 'cms', 'cmsMathOnly', 'nodeRsaVerify'];

const fmt = (x: number) => x.toFixed(0).padStart(7);

async function main(): Promise<void> {
  const begin = performance.now();
  if (!(SECONDS > 0) || !Number.isInteger(ROUNDS) || ROUNDS < 1 || !(DOC_BYTES > 0))
    throw new Error('BENCH_SECONDS and BENCH_DOC_BYTES must be positive, BENCH_ROUNDS a positive integer');
  const cpus = os.cpus();
  const openssl = opensslVersion();
  console.log(
    `machine: ${cpus.length} x ${cpus[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version} ` +
      `(its OpenSSL ${process.versions.openssl}), ${openssl}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-verify-'));
  try {
    const pki = makePki(dir);
    const edxml = signedEdxml(pki.agencyKeyPem, pki.agencyCertPem, DOC_BYTES);
    const cmsContent = pdfLike(DOC_BYTES);
    const cms = signCms(pki, cmsContent);
    console.log(
      `inputs: edXML ${edxml.length} bytes (RSA-2048 SHA-256, root CA -> agency), CMS ${cms.length} bytes ` +
        `over ${cmsContent.length} bytes; ${ROUNDS} rounds x ${SECONDS} s per case, warm-up ${WARMUP_SECONDS} s`,
    );
    const cases = makeCases({ pki, edxml, cms });
    for (const name of CASES) await timed(name, cases[name], WARMUP_SECONDS);

    const samples = Object.fromEntries(CASES.map((n) => [n, [] as Sample[]])) as Record<CaseName, Sample[]>;
    const speeds: SpeedResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const order = [...CASES.slice(r % CASES.length), ...CASES.slice(0, r % CASES.length)];
      for (const name of order) samples[name].push(await timed(name, cases[name], SECONDS));
      speeds.push(await opensslSpeed(OPENSSL_SECONDS));
      const s = speeds[r];
      console.log(
        `round ${r + 1}: ` +
          CASES.map((n) => `${n} ${fmt(samples[n][r].perSec)}/s`).join(', ') +
          `, openssl ${s.verifyPerSec === null ? `n/a (${s.reason})` : `${fmt(s.verifyPerSec)}/s`}`,
      );
    }
    console.log(`duration: ${((performance.now() - begin) / 1000).toFixed(1)} s`);
    console.log(JSON.stringify(result(samples, speeds, { edxml: edxml.length, cms: cms.length, openssl })));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function result(
  samples: Record<CaseName, Sample[]>,
  speeds: SpeedResult[],
  info: { edxml: number; cms: number; openssl: string },
): Record<string, unknown> {
  const rate = (n: CaseName) => median(samples[n].map((s) => s.perSec));
  const ratio = (a: CaseName, b: CaseName) =>
    sig3(median(samples[a].map((s, k) => s.perSec / samples[b][k].perSec)));
  const readable = speeds.flatMap((s, k) => (s.verifyPerSec === null ? [] : [{ v: s.verifyPerSec, k }]));
  const failed = speeds.find(
    (s): s is Extract<SpeedResult, { verifyPerSec: null }> => s.verifyPerSec === null,
  );
  const openssl = readable.length > 0 ? median(readable.map((x) => x.v)) : null;
  // openssl speed divides by user CPU time, so node is also compared with it per user CPU second.
  const nodePerCpu = (k: number) => samples.nodeRsaVerify[k].perUserCpuSec;
  const perCall = (n: CaseName) => round1(1e6 / rate(n));
  return {
    xmldsigPerSec: round1(rate('xmldsig')),
    cmsPerSec: round1(rate('cms')),
    nodeRsaVerifyPerSec: round1(rate('nodeRsaVerify')),
    opensslRsaVerifyPerSec: openssl === null ? null : round1(openssl),
    ...(openssl === null ? { opensslRsaVerifyError: failed?.reason ?? 'no round could be read' } : {}),
    xmldsigMathOnlyPerSec: round1(rate('xmldsigMathOnly')),
    cmsMathOnlyPerSec: round1(rate('cmsMathOnly')),
    xmldsigVsNodeRsa: ratio('xmldsig', 'nodeRsaVerify'),
    cmsVsNodeRsa: ratio('cms', 'nodeRsaVerify'),
    xmldsigChainShare: sig3(1 - ratio('xmldsig', 'xmldsigMathOnly')),
    cmsChainShare: sig3(1 - ratio('cms', 'cmsMathOnly')),
    nodeVsOpenssl:
      openssl === null ? null : sig3(median(readable.map(({ v, k }) => samples.nodeRsaVerify[k].perSec / v))),
    nodeCpuVsOpenssl: openssl === null ? null : sig3(median(readable.map(({ v, k }) => nodePerCpu(k) / v))),
    nodeRsaVerifyPerUserCpuSec: round1(median(samples.nodeRsaVerify.map((s) => s.perUserCpuSec))),
    microsPerCall: Object.fromEntries(CASES.map((n) => [n, perCall(n)])),
    edxmlBytes: info.edxml,
    cmsBytes: info.cms,
    seconds: SECONDS,
    rounds: ROUNDS,
    node: process.version,
    nodeOpenssl: process.versions.openssl,
    openssl: info.openssl,
  };
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
