import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from './services';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');

export const OPERATOR_KEY = 'integration-operator-key-0123456789';

export interface GatewayProcess {
  url: string;
  proc: ChildProcess;
  output(): string;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

/** Writes a configuration file (JSON is valid YAML) and returns its path. */
export function writeConfig(config: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-it-'));
  const file = path.join(dir, 'lienthong.yaml');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * Runs the compiled gateway (`npm test` builds dist/ first) as a separate OS process, as production
 * does, so that kill -9 and several processes are real.
 */
export async function spawnGateway(env: Record<string, string>): Promise<GatewayProcess> {
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
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `gateway on ${url} to be ready`,
    async () => {
      if (proc.exitCode !== null) throw new Error(`gateway exited ${proc.exitCode}: ${out}`);
      const res = await fetch(`${url}/health/ready`);
      return res.status === 200 ? true : undefined;
    },
    30_000,
    200,
  );
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    url,
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
