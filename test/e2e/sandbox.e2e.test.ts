import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitFor } from '../integration/support/services';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'lienthong.js');
const run = promisify(execFile);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
type Json = any;
const json = async (res: Response | Promise<Response>): Promise<Json> => (await res).json();

/**
 * The README's first command, as a newcomer runs it: no configuration file, no DATABASE_URL. The gateway
 * must come up on embedded PGlite with the in-process simulators, and dossiers must flow over real HTTP.
 */
describe('npm start on a bare checkout (sandbox, PGlite)', () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-e2e-'));
  let port = 0;
  let url = '';
  let out = '';
  let proc: ReturnType<typeof spawn>;
  let exited: Promise<number | null>;

  beforeAll(async () => {
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      LIENTHONG_DATA_DIR: path.join(cwd, 'data'),
    };
    delete env.DATABASE_URL;
    delete env.LIENTHONG_CONFIG;
    env.LOG_LEVEL = 'debug';
    const started = Date.now();
    proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'main.js')], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
    await waitFor(
      'sandbox ready',
      async () => ((await fetch(`${url}/health/ready`)).status === 200 ? true : undefined),
      30_000,
      250,
    );
    console.log(`sandbox ready in ${Date.now() - started} ms`);
  });

  afterAll(async () => {
    if (proc.exitCode === null) proc.kill('SIGKILL');
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('answers health and readiness', async () => {
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    const ready = await json(fetch(`${url}/health/ready`));
    expect(ready).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
  });

  it('`lienthong demo` creates a dossier that reaches the simulated receiver, in order', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'demo', '--url', url], {
      cwd: ROOT,
      timeout: 60_000,
    });
    const code = /created (000\.01\.53\.H48-\d{6}-\d{4})/.exec(stdout)?.[1] as string;
    expect(code).toBeDefined();
    expect(stdout.match(/: delivered \(/g)?.length).toBeGreaterThanOrEqual(4);
    const timeline = await json(fetch(`${url}/api/v1/dossiers/${encodeURIComponent(code)}`));
    expect(timeline.dossier.status).toBe('returned');
    expect(timeline.events.map((e: { type: string }) => e.type)).toEqual([
      'vn.lienthong.dossier.created',
      'vn.lienthong.dossier.status_changed',
      'vn.lienthong.dossier.status_changed',
      'vn.lienthong.dossier.status_changed',
    ]);
    const toWebhook = timeline.deliveries.filter((d: { target: string }) => d.target === 'webhook');
    expect(toWebhook.map((d: { seq: number; state: string }) => [d.seq, d.state])).toEqual([
      [1, 'delivered'],
      [2, 'delivered'],
      [3, 'delivered'],
      [4, 'delivered'],
    ]);
    expect(timeline.outbound.filter((m: { system: string }) => m.system === 'webhook')).toHaveLength(4);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/lienthong_deliveries_total\{target="webhook",outcome="delivered"\} [4-9]/);
  });

  it('within 60 s of the start, iGate dossiers are listed and one reached the national portal', async () => {
    // Only dossiers the poller found on iGate (the demo's API dossier and national submissions also flow).
    const reached = await waitFor(
      'an iGate dossier delivered to dvcqg',
      async () => {
        const list = await json(fetch(`${url}/api/v1/dossiers?limit=50`));
        for (const item of list.items ?? []) {
          const t = await json(fetch(`${url}/api/v1/dossiers/${encodeURIComponent(item.code)}`));
          const fromIgate =
            t.dossier.externalIds.igate !== undefined && t.dossier.externalIds.dvcqg === undefined;
          if (fromIgate && t.deliveries.some((d: Json) => d.target === 'dvcqg' && d.state === 'delivered'))
            return t;
        }
        return undefined;
      },
      60_000,
      1000,
    );
    const { dossier } = reached;
    expect(dossier.externalIds.igate).toMatch(/^[0-9a-f]{24}$/);
    const portal = await json(
      fetch(`${url}/sandbox/dvcqg/_sim/dossiers/${encodeURIComponent(dossier.code)}`),
    );
    expect(portal.dossier.MaHoSo).toBe(dossier.code);
    expect(portal.progress.length).toBeGreaterThanOrEqual(1);
  });

  it('within 90 s of the start, a dossier was transferred to the province over the axis and came back completed', async () => {
    const done = await waitFor(
      'a transfer completed by the sandbox province',
      async () => {
        const list = await json(fetch(`${url}/api/v1/dossiers?limit=200`));
        for (const item of list.items ?? []) {
          const t = await json(fetch(`${url}/api/v1/dossiers/${encodeURIComponent(item.code)}`));
          if (t.dossier.transfers.some((x: Json) => x.status === 'completed')) return t;
        }
        return undefined;
      },
      90_000,
      2000,
    );
    const transfer = done.dossier.transfers.find((x: Json) => x.status === 'completed');
    expect(transfer).toMatchObject({ to: { id: '000.00.00.H48' }, statusCode: '06' });
    const notes = done.dossier.progress.map((p: Json) => p.note ?? '').join('\n');
    expect(notes).toMatch(/\(edXML 01\)[\s\S]*\(edXML 06\)/);
    // The package travelled signed, and the province's answers were verified at the edge.
    const axis = await json(fetch(`${url}/sandbox/vxp/_sim/state`));
    expect(axis.acknowledgements).toBeGreaterThanOrEqual(5);
  });

  it('refuses writes without the operator key, with a code and a reason', async () => {
    const res = await fetch(`${url}/api/v1/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    const body: Json = await res.json();
    expect(body.code).toBe('LT_AUTH_MISSING_KEY');
    expect(typeof body.detail).toBe('string');
  });

  it('publishes OpenAPI 3.1 and a readable docs page', async () => {
    const doc = await json(fetch(`${url}/openapi.json`));
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/dossiers', '/api/v1/dead-letters']),
    );
    const html = await (await fetch(`${url}/docs`)).text();
    expect(html).toContain('/api/v1/dossiers');
  });

  it('stops cleanly on SIGTERM, and no citizen ID number or key reached the log', async () => {
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('LienThong gateway started');
    expect(out).not.toContain('001099000001');
    expect(out).not.toContain('sandbox-operator-key');
  });
});

describe('the lienthong command', () => {
  it('lists its commands', async () => {
    const { stdout } = await run(process.execPath, [BIN, '--help'], { cwd: ROOT });
    for (const cmd of ['start', 'config', 'migrate', 'dead-letters', 'log', 'demo', 'mappings', 'simulators'])
      expect(stdout).toContain(cmd);
  });
});
