import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/**
 * The managed redis-server must not outlive the gateway. These tests run the real module in a separate Node
 * process (transpiled on the fly, as a compiled gateway would run it), end that process in the ways a
 * gateway ends, and check that its redis-server is gone.
 */
const SRC = path.resolve(__dirname, '..');
let outDir: string;

function transpileTree(): void {
  for (const folder of ['redis', 'errors', 'observability']) {
    for (const file of fs.readdirSync(path.join(SRC, folder))) {
      if (!file.endsWith('.ts') || file.includes('.test.')) continue;
      const source = fs.readFileSync(path.join(SRC, folder, file), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
        },
      });
      fs.mkdirSync(path.join(outDir, folder), { recursive: true });
      fs.writeFileSync(path.join(outDir, folder, file.replace(/\.ts$/, '.js')), outputText);
    }
  }
}

/** Starts a gateway stand-in that resolves Redis (forced to manage its own) and then ends as `ending` says. */
function runGateway(
  dataDir: string,
  ending: string,
): Promise<{ redisPid: number; code: number | null; signal: string | null }> {
  const script = `
    const { resolveRedis } = require(${JSON.stringify(path.join(outDir, 'redis', 'index.js'))});
    const { silentLogger } = require(${JSON.stringify(path.join(outDir, 'observability', 'logger.js'))});
    const net = require('node:net');
    const srv = net.createServer().listen(0, '127.0.0.1', async () => {
      const port = srv.address().port; srv.close();
      const { managed } = await resolveRedis({ dataDir: ${JSON.stringify(dataDir)}, logger: silentLogger, local: { host: '127.0.0.1', port } });
      process.stdout.write(String(managed.pid) + '\\n');
      setInterval(() => {}, 1000);
      ${ending}
    });`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, NODE_PATH: path.resolve(SRC, '..', 'node_modules') },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('\n') && ending.startsWith('// external')) child.kill('SIGTERM');
  });
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ redisPid: Number(out.trim()), code, signal })),
  );
}

async function gone(pid: number, withinMs = 5000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      process.kill(pid, 0);
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') return true;
    } catch {
      return true;
    }
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('managed redis-server lifetime', () => {
  let dataDir: string;
  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-redis-js-'));
    transpileTree();
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));
  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-redis-life-'))));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    ['process.exit()', 'process.exit(3);'],
    ['an uncaught exception', "setTimeout(() => { throw new Error('boom'); }, 10);"],
    ['SIGTERM with no handler of its own', '// external SIGTERM'],
  ])('dies with the gateway on %s', async (_name, ending) => {
    const result = await runGateway(dataDir, ending);
    expect(result.redisPid).toBeGreaterThan(0);
    expect(await gone(result.redisPid)).toBe(true);
    if (ending.startsWith('// external')) expect(result.signal).toBe('SIGTERM');
  });
});
