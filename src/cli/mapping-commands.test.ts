import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAPPINGS_DIR, PACKAGE_ROOT } from '../paths';
import { buildCli } from './main';
import { detectSource, testPayload, validateMappingsDir } from './mapping-commands';
import type { TestReport } from './mapping-commands';
import { startSimulators } from './simulator-commands';

const IGATE_RECEIVED = path.join(PACKAGE_ROOT, 'adapters', 'igate', '__fixtures__', 'received-dossier.json');
const IGATE_RETURNED = path.join(PACKAGE_ROOT, 'adapters', 'igate', '__fixtures__', 'returned-dossier.json');
const DVCQG_NEW = path.join(PACKAGE_ROOT, 'adapters', 'dvcqg', '__fixtures__', 'new-dossier.json');

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-cli-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `lienthong <args>` in-process; returns what it printed and the exit code it set. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  const error = jest.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
  const saved = process.exitCode;
  try {
    await buildCli()
      .exitOverride()
      .parseAsync(['node', 'lienthong', ...args]);
    return { code: Number(process.exitCode ?? 0), out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.exitCode = saved;
    log.mockRestore();
    error.mockRestore();
  }
}

function brokenCopy(): string {
  const dir = path.join(tmp, 'mappings');
  fs.cpSync(MAPPINGS_DIR, dir, { recursive: true });
  const channel = path.join(dir, 'dvcqg', 'channel.yaml');
  fs.writeFileSync(channel, fs.readFileSync(channel, 'utf8').replace("native: '3'", "native: '2'"));
  const year = path.join(dir, 'calendar', '2026.yaml');
  fs.writeFileSync(year, fs.readFileSync(year, 'utf8').replace("date: '2026-01-10'", "date: '2026-01-12'"));
  return dir;
}

describe('mappings validate', () => {
  it('passes the shipped folder with a count of what it holds', async () => {
    const { code, out } = await cli('mappings', 'validate');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^mappings OK: \d+ field mappings, \d+ code tables, \d+ agencies, \d+ procedures, \d+ calendar years$/,
    );
    expect(validateMappingsDir(MAPPINGS_DIR).problems).toEqual([]);
  });

  it('exits 1 on a broken copy, one line per problem naming file and path', async () => {
    const { code, out } = await cli('mappings', 'validate', '--dir', brokenCopy());
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      'dvcqg/channel.yaml/entries/2/native: listed twice',
      'calendar/2026.yaml: workingDays[0].date: 2026-01-12 is not a Saturday or Sunday',
    ]);
  });

  it('refuses a folder that does not exist', () => {
    const missing = path.join(tmp, 'nope');
    expect(validateMappingsDir(missing).problems).toEqual([`${missing}: not a directory`]);
  });
});

describe('mappings test', () => {
  it('maps an iGate fixture and renders every target without problems', async () => {
    const fixture = JSON.parse(fs.readFileSync(IGATE_RECEIVED, 'utf8')) as { code: string };
    const { code, out } = await cli('mappings', 'test', IGATE_RECEIVED);
    expect(code).toBe(0);
    const report = JSON.parse(out) as TestReport;
    expect(report).toMatchObject({
      from: 'igate',
      sourceProblems: [],
      canonicalProblems: [],
      canonical: { code: fixture.code, schemaVersion: 1, version: 1, status: 'received' },
    });
    const targets = report.targets!;
    expect(targets.dvcqg).toMatchObject({
      dossier: { MaHoSo: fixture.code, TrangThaiHoSo: '2' },
      problems: [],
    });
    expect(targets.dvcqg.progress.length).toBeGreaterThan(0);
    for (const p of targets.dvcqg.progress) expect(p.problems).toEqual([]);
    expect(targets.igate.create).toMatchObject({ code: '<allocated by iGate>', nationCode: fixture.code });
  });

  it('renders one progress entry per step of a dossier seen already returned', async () => {
    const outcome = await testPayload(IGATE_RETURNED, { now: () => new Date('2026-03-10T03:00:00Z') });
    expect(outcome.exitCode).toBe(0);
    if (!('report' in outcome)) throw new Error(outcome.error);
    const canonical = outcome.report.canonical as { progress: unknown[] };
    expect(outcome.report.targets?.dvcqg.progress).toHaveLength(canonical.progress.length);
  });

  it('maps a DVCQG fixture', async () => {
    const { code, out } = await cli('mappings', 'test', DVCQG_NEW);
    expect(code).toBe(0);
    const report = JSON.parse(out) as TestReport;
    expect(report).toMatchObject({ from: 'dvcqg', canonicalProblems: [], canonical: { version: 1 } });
    expect(report.targets?.dvcqg.problems).toEqual([]);
  });

  it('lists canonical problems by path, without values, and renders no target', async () => {
    const file = path.join(tmp, 'bad.json');
    const fixture = JSON.parse(fs.readFileSync(IGATE_RECEIVED, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...fixture, dossierStatus: 13 }));
    const outcome = await testPayload(file);
    expect(outcome.exitCode).toBe(1);
    if (!('report' in outcome)) throw new Error(outcome.error);
    expect(outcome.report.canonicalProblems).toContainEqual({ path: '/status', message: 'is required' });
    expect(outcome.report.targets).toBeNull();
  });

  it('follows --from over the shape', async () => {
    const { code, out } = await cli('mappings', 'test', IGATE_RECEIVED, '--from', 'dvcqg');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ from: 'dvcqg' });
  });

  it('detects the source by shape', () => {
    expect(detectSource({ dossierStatus: 1 })).toBe('igate');
    expect(detectSource({ procedure: {} })).toBe('igate');
    expect(detectSource({ MaHoSo: 'x' })).toBe('dvcqg');
    expect(detectSource({ code: 'x' })).toBeUndefined();
  });

  it('exits 2 naming why on a file that is not JSON, missing, or of unknown shape', async () => {
    const notJson = path.join(tmp, 'dossier.json');
    fs.writeFileSync(notJson, '{ "code": ');
    const run = await cli('mappings', 'test', notJson);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toMatch(/is not JSON/);

    expect(await testPayload(path.join(tmp, 'missing.json'))).toEqual({
      exitCode: 2,
      error: expect.stringMatching(/cannot read .*ENOENT/),
    });
    const page = path.join(tmp, 'page.json');
    fs.writeFileSync(page, JSON.stringify({ content: [], totalElements: 0 }));
    expect(await testPayload(page)).toEqual({
      exitCode: 2,
      error: expect.stringMatching(/unknown shape.*search page/),
    });
    const list = path.join(tmp, 'list.json');
    fs.writeFileSync(list, '[]');
    expect(await testPayload(list)).toEqual({
      exitCode: 2,
      error: expect.stringMatching(/one dossier object/),
    });
  });
});

describe('simulators', () => {
  it('serve iGate and DVCQG on one port under /igate and /dvcqg, and close', async () => {
    const running = await startSimulators({ port: 0 });
    try {
      expect(running.igate).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/igate$/);
      expect(new URL(running.dvcqg).port).toBe(new URL(running.igate).port);
      for (const base of [running.igate, running.dvcqg]) {
        const res = await fetch(`${base}/_sim/state`);
        expect(res.status).toBe(200);
      }
    } finally {
      await running.close();
    }
  });
});
