import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { createLogger } from '../../observability/logger';
import { createApp } from '../app';
import type { AppOptions } from '../app';
import type { GatewayDeps } from '../deps';
import { FakeDeadLetters } from './fake-dead-letters';
import { FakeDossiers } from './fake-dossiers';
import { passing } from './fake-health';

export const VIEWER_KEY = 'viewer-key-7d1c0b5e';
export const OPERATOR_KEY = 'operator-key-9f2a44c1';

export interface TestServer {
  url: string;
  deps: GatewayDeps;
  dossiers: FakeDossiers;
  deadLetters: FakeDeadLetters;
  /** Every log line written so far, parsed. */
  logs(): Array<Record<string, unknown>>;
  rawLogs(): string;
  close(): Promise<void>;
}

/** Starts the edge on an ephemeral loopback port with in-memory twins of every dependency. */
export async function startTestServer(
  overrides: Partial<GatewayDeps> = {},
  options: AppOptions = {},
): Promise<TestServer> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  });
  // Overrides of the twins must be (subclasses of) the twins, so tests can read their call logs.
  const dossiers = (overrides.dossiers as FakeDossiers | undefined) ?? new FakeDossiers();
  const deadLetters = (overrides.deadLetters as FakeDeadLetters | undefined) ?? new FakeDeadLetters();
  const registry = new Registry();
  const deps: GatewayDeps = {
    logger: createLogger({ level: 'debug', destination: sink }),
    http: { bodyLimit: '2kb' },
    auth: {
      apiKeys: [
        { name: 'portal-reader', key: VIEWER_KEY, role: 'viewer' },
        { name: 'province-ops', key: OPERATOR_KEY, role: 'operator' },
      ],
    },
    health: [passing('redis'), passing('database')],
    metrics: registry,
    version: '9.8.7-test',
    ...overrides,
    dossiers,
    deadLetters,
  };
  const app = createApp(deps, options);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const rawLogs = () => lines.join('');
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    dossiers,
    deadLetters,
    rawLogs,
    logs: () =>
      rawLogs()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Parsed JSON answers, loosely typed so tests can reach into them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** JSON request helper: sends `body` as JSON (a string is sent verbatim) with the given key. */
export async function call(
  server: TestServer,
  method: string,
  path: string,
  opts: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: Json; text: string }> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key !== undefined) headers['X-API-Key'] = opts.key;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(server.url + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}
