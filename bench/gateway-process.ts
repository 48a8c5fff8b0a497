import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from './support';

/**
 * The compiled gateway (dist/src/main.js, built by `npm run build`) as a separate OS process, as production
 * runs it: the integration and end-to-end tests (kill -9, several processes) and `npm run bench:e2e` start
 * it here. This file runs from bench/ under ts-jest and from dist/bench/ once compiled.
 */
const ROOT = path.resolve(__dirname, path.basename(path.dirname(__dirname)) === 'dist' ? '../..' : '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');

export interface GatewayProcess {
  url: string;
  proc: ChildProcess;
  /** The last 20 000 characters of its stdout and stderr, for error messages. */
  output(): string;
  /**
   * SIGTERM and wait for exit; resolves with the exit code. With `graceMs`, SIGKILL if it has not exited
   * by then.
   */
  stop(graceMs?: number): Promise<number | null>;
  kill9(): Promise<void>;
}

export interface SpawnGatewayOptions {
  /** How long the gateway may take to answer 200 on /health/ready. @defaultValue 30_000 */
  readyTimeoutMs?: number;
}

/**
 * Writes a configuration file (JSON is valid YAML) into `dir` and returns its path.
 * @defaultValue dir: a new temporary folder
 */
export function writeConfig(
  config: Record<string, unknown>,
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-it-')),
): string {
  const file = path.join(dir, 'lienthong.yaml');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * Starts the gateway on a free port with `env` over this process's environment (LOG_LEVEL warn unless
 * `env` says otherwise) and resolves once it is ready. A gateway that exits before it is ready fails the
 * start at once, with its output.
 */
export async function spawnGateway(
  env: Record<string, string>,
  options: SpawnGatewayOptions = {},
): Promise<GatewayProcess> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const port = await freePort();
  let out = '';
  const proc = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  proc.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const running = () => proc.exitCode === null && proc.signalCode === null;
  const kill9 = async () => {
    if (running()) proc.kill('SIGKILL');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const died = exited.then((code) => {
    throw new Error(`gateway exited (${code ?? proc.signalCode}) before it was ready: ${out}`);
  });
  died.catch(() => undefined); // it matters only while the race below runs
  try {
    await Promise.race([
      waitFor(
        `gateway on ${url} to be ready`,
        async () => ((await fetch(`${url}/health/ready`)).status === 200 ? true : undefined),
        options.readyTimeoutMs ?? 30_000,
        200,
      ),
      died,
    ]);
  } catch (err) {
    await kill9();
    throw err;
  }
  return {
    url,
    proc,
    output: () => out,
    async stop(graceMs?: number) {
      if (running()) proc.kill('SIGTERM');
      if (graceMs === undefined) return exited;
      const timer = setTimeout(() => running() && proc.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill9,
  };
}
