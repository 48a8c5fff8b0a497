import http from 'node:http';
import net from 'node:net';
import { Client } from 'pg';

/** A receiver that answers 200 to everything and counts distinct message ids. */
export async function startCountingReceiver(): Promise<{
  url: string;
  unique(): number;
  requests(): number;
  close(): Promise<void>;
}> {
  const seen = new Set<string>();
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    const id = req.headers['x-lienthong-message-id'];
    req.resume();
    req.on('end', () => {
      if (typeof id === 'string') seen.add(id);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/events`,
    unique: () => seen.size,
    requests: () => requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * A dossier's life used by the benchmark and the delivery tests: created registered, then nine moves the
 * state machine allows, so ten events per dossier.
 */
export const SAMPLE_LIFE = [
  'received',
  'processing',
  'supplement_requested',
  'processing',
  'payment_requested',
  'processing',
  'resolved',
  'processing',
  'resolved',
] as const;

/** A throw-away database on a PostgreSQL server (benchmarks and integration tests), dropped by `drop()`. */
export async function scratchDatabase(
  adminUrl: string,
  name = `lt_bench_${Date.now().toString(36)}`,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A TCP port free on 127.0.0.1 right now (for a child process told to listen there). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Polls `probe` every `everyMs` until it returns something other than undefined or false, and resolves
 * with that. A probe that throws counts as "not yet" (a server still starting refuses connections); the
 * last error is named if the wait times out.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Runs `task(i)` for i in [0, n) with at most `parallel` in flight. */
export async function pool(n: number, parallel: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) await task(next++);
    }),
  );
}
