import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, waitFor } from '../support';
import { DVCQG_LOGIN, NODE_RED_DIR, ROOT } from './config';
import { onCleanup, scratchDir } from './cleanup';

/** bench/node-red: the flow, its settings and the package.json that pins the Node-RED version. */
const HOME = path.join(ROOT, 'bench', 'node-red');

/** The exact version of bench/node-red/package.json. */
export function pinnedVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(HOME, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const version = pkg.dependencies['node-red'];
  if (!/^\d+\.\d+\.\d+$/.test(version ?? ''))
    throw new Error(`bench/node-red/package.json must pin node-red to an exact version, not ${version}`);
  return version;
}

/** A child process stopped at cleanup (SIGTERM, SIGKILL after 5 s); its output is kept for error messages. */
function child(cmd: string, args: string[], env: Record<string, string>, cwd: string) {
  let out = '';
  const proc = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
  proc.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  proc.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const running = () => proc.exitCode === null && proc.signalCode === null;
  onCleanup(async () => {
    if (!running()) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  });
  return { proc, exited, output: () => out };
}

/**
 * The pinned node-red in NODE_RED_DIR, kept between runs: installed from bench/node-red/package.json into a
 * side folder, then renamed, so that an interrupted install is never taken for a good one. `{ error }`
 * when npm cannot install it (no network).
 */
export async function installNodeRed(): Promise<{ red: string; version: string } | { error: string }> {
  const version = pinnedVersion();
  const installed = (dir: string) => {
    const pkg = path.join(dir, 'node_modules', 'node-red', 'package.json');
    if (!fs.existsSync(pkg)) return undefined;
    const found = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
    return found === version
      ? { red: path.join(dir, 'node_modules', 'node-red', 'red.js'), version }
      : undefined;
  };
  const cached = installed(NODE_RED_DIR);
  if (cached) return cached;
  const partial = `${NODE_RED_DIR}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  fs.copyFileSync(path.join(HOME, 'package.json'), path.join(partial, 'package.json'));
  console.log(`installing node-red@${version} into ${NODE_RED_DIR} (once; reused by later runs)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = child(npm, ['install', '--no-audit', '--no-fund'], {}, partial);
  const code = await run.exited;
  const done = code === 0 ? installed(partial) : undefined;
  if (!done) {
    fs.rmSync(partial, { recursive: true, force: true });
    return {
      error: `npm install node-red@${version} failed (exit ${code}): ${run.output().trim().slice(-600)}`,
    };
  }
  fs.rmSync(NODE_RED_DIR, { recursive: true, force: true });
  fs.renameSync(partial, NODE_RED_DIR);
  return (
    installed(NODE_RED_DIR) ?? { error: `node-red@${version} is not in ${NODE_RED_DIR} after the install` }
  );
}

/**
 * Node-RED running bench/node-red/flow.json against the portal at `dvcqgUrl`; ready once the flow has
 * logged in to the portal (its GET /ready answers 200).
 */
export async function startNodeRed(red: string, dvcqgUrl: string): Promise<{ url: string; pid?: number }> {
  const userDir = scratchDir('lt-bench-node-red-');
  const flowFile = path.join(userDir, 'flow.json');
  fs.copyFileSync(path.join(HOME, 'flow.json'), flowFile);
  const port = await freePort();
  const nr = child(
    process.execPath,
    [red, '--settings', path.join(HOME, 'settings.js'), '--userDir', userDir],
    {
      LT_BENCH_NODE_RED_PORT: String(port),
      LT_BENCH_NODE_RED_FLOW: flowFile,
      DVCQG_URL: dvcqgUrl,
      DVCQG_USER: DVCQG_LOGIN.username,
      DVCQG_PASSWORD: DVCQG_LOGIN.password,
      DVCQG_DSTCODE: DVCQG_LOGIN.dstcode,
    },
    ROOT,
  );
  const url = `http://127.0.0.1:${port}`;
  const died = nr.exited.then((code) => {
    throw new Error(`it exited (${code ?? nr.proc.signalCode})`);
  });
  died.catch(() => undefined); // it matters only while the race below runs
  await Promise.race([
    waitFor('Node-RED to be ready', async () => (await fetch(`${url}/ready`)).status === 200, 60_000),
    died,
  ]).catch((err: Error) => {
    throw new Error(`Node-RED did not come up (${err.message}):\n${nr.output()}`);
  });
  return { url, pid: nr.proc.pid };
}
