import axios from 'axios';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Adapter, AdapterError, DeliveryContext, OutboundMessage } from '../../../src/adapter/contract';
import { silentLogger } from '../../../src/observability/logger';
import { fixtureMessage, messageFor, webhookFixtures } from '../__fixtures__';
import { WEBHOOK_CONTENT_TYPE, createWebhookAdapter } from '../client';
import { signWebhookBody } from '../signature';
import { parseArgs } from './main';
import { createWebhookSimulator, startWebhookSimulator } from '.';
import type { RunningWebhookSimulator, StartOptions } from '.';

const SECRET = 'whsec_0123456789abcdef';

// Real loopback HTTP on both sides: the real client against the real receiver.
let sim: RunningWebhookSimulator;
let adapter: Adapter;

async function start(options: StartOptions = {}, secret?: string): Promise<void> {
  sim = await startWebhookSimulator(options);
  adapter = createWebhookAdapter(
    { baseUrl: sim.url, path: '/events', subscribe: ['**'], secret },
    { logger: silentLogger },
  );
}

afterEach(async () => {
  await adapter?.close?.();
  await sim?.close();
});

function ctx(timeoutMs = 2000): DeliveryContext {
  return { logger: silentLogger, timeoutMs, signal: new AbortController().signal };
}

/** 'ok' or the error code, so that sequences of outcomes can be compared. */
async function outcome(message: OutboundMessage, timeoutMs = 2000): Promise<string> {
  try {
    await adapter.deliver(message, ctx(timeoutMs));
    return 'ok';
  } catch (err) {
    const e = err as AdapterError;
    return `${e.code}:${e.details?.httpStatus ?? ''}`;
  }
}

async function failure(message: OutboundMessage, timeoutMs = 2000): Promise<AdapterError> {
  return adapter.deliver(message, ctx(timeoutMs)).then(
    () => {
      throw new Error('expected a failure');
    },
    (err: AdapterError) => err,
  );
}

/** A raw request, to send what the real client never would. */
function post(path: string, body: string | Buffer, headers: Record<string, string>) {
  return axios.post(`${sim.url}${path}`, body, {
    headers,
    validateStatus: () => true,
    transformRequest: [(d) => d],
  });
}

function goodHeaders(
  message: OutboundMessage,
  body: Buffer,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'Content-Type': WEBHOOK_CONTENT_TYPE,
    'Idempotency-Key': message.messageId,
    'X-LienThong-Message-Id': message.messageId,
    'X-LienThong-Dossier': message.dossierCode,
    'X-LienThong-Seq': String(message.seq),
    'X-LienThong-Attempt': '1',
    'X-LienThong-Signature': signWebhookBody(SECRET, body),
    ...extra,
  };
}

describe('webhook simulator: recording', () => {
  it('accepts every fixture from the real client and records them in order', async () => {
    await start();
    const fixtures = Object.values(webhookFixtures());
    for (const message of fixtures) {
      const result = await adapter.deliver(message, ctx());
      expect(result.status).toBe(200);
      expect(JSON.parse(result.response?.body.toString() ?? '')).toEqual({
        accepted: true,
        messageId: message.messageId,
        duplicate: false,
      });
    }
    expect(
      sim.state.received.map(({ messageId, dossier, seq, type, attempt }) => ({
        messageId,
        dossier,
        seq,
        type,
        attempt,
      })),
    ).toEqual(
      fixtures.map((m) => ({
        messageId: m.messageId,
        dossier: m.dossierCode,
        seq: m.seq,
        type: m.eventType,
        attempt: 1,
      })),
    );
    expect(sim.state.byDossier('000.00.53.H48-250701-0001')).toEqual(fixtures.map((m) => m.messageId));
    expect(sim.state.byDossier('unknown')).toEqual([]);
    const { data } = await axios.get(`${sim.url}/_state`);
    expect(data).toMatchObject({ received: 3, unique: 3, duplicates: 0, orderViolations: 0, refused: 0 });
  });

  it('counts a repeated message id as a duplicate and keeps both arrivals', async () => {
    await start();
    const message = fixtureMessage('status-changed');
    await adapter.deliver(message, ctx());
    const again = await adapter.deliver({ ...message, attempt: 2 }, ctx());
    expect(JSON.parse(again.response?.body.toString() ?? '').duplicate).toBe(true);
    expect(sim.state.duplicates).toBe(1);
    expect(sim.state.byDossier(message.dossierCode)).toEqual([message.messageId, message.messageId]);
    expect(sim.state.byDossier(message.dossierCode, { unique: true })).toEqual([message.messageId]);
    expect(sim.state.received.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('counts a lower seq after a higher one for the same dossier as an order violation', async () => {
    await start();
    await adapter.deliver(messageFor('HS-A', 2), ctx());
    await adapter.deliver(messageFor('HS-B', 1), ctx());
    await adapter.deliver(messageFor('HS-A', 1), ctx());
    expect(sim.state.orderViolations).toBe(1);
    expect(sim.state.byDossier('HS-A')).toEqual(['msg-HS-A-2', 'msg-HS-A-1']);
  });

  it('works mounted under a path of another app, and forgets on POST /_reset', async () => {
    const simulator = createWebhookSimulator();
    const app = express().use('/sandbox/webhook', simulator.router);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/webhook`;
    const local = createWebhookAdapter({ baseUrl: base, subscribe: [] }, { logger: silentLogger });
    try {
      await local.deliver(fixtureMessage('dossier-created'), ctx());
      expect((await axios.get(`${base}/_state`)).data.received).toBe(1);
      expect((await axios.post(`${base}/_reset`)).data.received).toBe(0);
      expect(simulator.state.received).toEqual([]);
    } finally {
      await local.close?.();
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('webhook simulator: strict validation', () => {
  const message = fixtureMessage('status-changed');
  const body = Buffer.from(JSON.stringify(message.payload));
  const envelope = message.payload as Record<string, unknown>;
  const withEnvelope = (patch: Record<string, unknown>) =>
    Buffer.from(JSON.stringify({ ...envelope, ...patch }));

  it.each([
    ['a JSON content type', body, { 'Content-Type': 'application/json' }, 400, 'LT_WEBHOOK_SIM_CONTENT_TYPE'],
    [
      'a latin-1 charset',
      body,
      { 'Content-Type': 'application/cloudevents+json; charset=iso-8859-1' },
      400,
      'LT_WEBHOOK_SIM_CONTENT_TYPE',
    ],
    ['no signature', body, { 'X-LienThong-Signature': '' }, 401, 'LT_WEBHOOK_SIGNATURE_MISSING'],
    [
      'a malformed signature',
      body,
      { 'X-LienThong-Signature': 'sha256=abc' },
      401,
      'LT_WEBHOOK_SIGNATURE_MALFORMED',
    ],
    [
      'a signature of other bytes',
      body,
      { 'X-LienThong-Signature': signWebhookBody(SECRET, Buffer.from('{}')) },
      401,
      'LT_WEBHOOK_SIGNATURE_INVALID',
    ],
    [
      'a stale signature',
      body,
      { 'X-LienThong-Signature': signWebhookBody(SECRET, body, 1_000_000_000) },
      401,
      'LT_WEBHOOK_SIGNATURE_STALE',
    ],
    ['no Idempotency-Key', body, { 'Idempotency-Key': '' }, 400, 'LT_WEBHOOK_SIM_IDEMPOTENCY_KEY'],
    ['a different message id', body, { 'X-LienThong-Message-Id': 'other' }, 400, 'LT_WEBHOOK_SIM_MESSAGE_ID'],
    ['seq 0', body, { 'X-LienThong-Seq': '0' }, 400, 'LT_WEBHOOK_SIM_HEADERS'],
    ['a non-numeric attempt', body, { 'X-LienThong-Attempt': 'two' }, 400, 'LT_WEBHOOK_SIM_HEADERS'],
    ['no dossier header', body, { 'X-LienThong-Dossier': '' }, 400, 'LT_WEBHOOK_SIM_DOSSIER'],
    [
      'a dossier header that is not the subject',
      body,
      { 'X-LienThong-Dossier': 'HS-OTHER' },
      400,
      'LT_WEBHOOK_SIM_DOSSIER',
    ],
    ['broken JSON', Buffer.from('{"specversion":'), {}, 400, 'LT_WEBHOOK_SIM_BAD_JSON'],
    ['a JSON array', Buffer.from('[]'), {}, 400, 'LT_MODEL_INVALID_EVENT'],
    ['specversion 0.3', withEnvelope({ specversion: '0.3' }), {}, 400, 'LT_MODEL_INVALID_EVENT'],
    ['no id', withEnvelope({ id: undefined }), {}, 400, 'LT_MODEL_INVALID_EVENT'],
    ['an empty source', withEnvelope({ source: '' }), {}, 400, 'LT_MODEL_INVALID_EVENT'],
    ['a local time', withEnvelope({ time: '2025-07-02 10:04:05' }), {}, 400, 'LT_MODEL_INVALID_EVENT'],
    ['no data', withEnvelope({ data: undefined }), {}, 400, 'LT_MODEL_INVALID_EVENT'],
    ['an unknown attribute', withEnvelope({ comexampleextension: 1 }), {}, 400, 'LT_MODEL_INVALID_EVENT'],
    [
      'a change that disagrees with the dossier',
      withEnvelope({
        data: {
          ...(envelope.data as object),
          change: { kind: 'status_changed', from: 'received', to: 'resolved' },
        },
      }),
      {},
      400,
      'LT_MODEL_INVALID_EVENT',
    ],
    ['a body over the limit', Buffer.alloc(2 * 1024 * 1024, 0x20), {}, 413, 'LT_WEBHOOK_SIM_TOO_LARGE'],
  ])('refuses %s', async (_name, payload, patch, status, code) => {
    await start({ secret: SECRET });
    const headers = goodHeaders(message, payload);
    for (const [k, v] of Object.entries(patch)) {
      if (v === '') delete headers[k];
      else headers[k] = v;
    }
    const res = await post('/events', payload, headers);
    expect(res.status).toBe(status);
    expect(res.data).toEqual({ code, detail: expect.any(String) });
    expect(sim.state.received).toEqual([]);
    if (status !== 413) expect(sim.state.answers.refused).toBe(1);
  });

  it('accepts the same request when it is right (the table above changes one thing each)', async () => {
    await start({ secret: SECRET });
    const res = await post('/events', body, goodHeaders(message, body));
    expect(res.status).toBe(200);
  });

  it('verifies the real client signature; a wrong secret is a permanent refusal', async () => {
    await start({ secret: SECRET }, SECRET);
    expect(await outcome(message)).toBe('ok');
    await adapter.close?.();
    adapter = createWebhookAdapter(
      { baseUrl: sim.url, subscribe: [], secret: 'not-the-receivers-secret' },
      { logger: silentLogger },
    );
    const err = await failure(message);
    expect(err.code).toBe('LT_WEBHOOK_REJECTED');
    expect(err.retryable).toBe(false);
    expect(err.detail).toContain('LT_WEBHOOK_SIGNATURE_INVALID');
  });
});

describe('webhook simulator: faults', () => {
  it('outage: 503 with Retry-After 1 until healed', async () => {
    await start({ outage: true });
    const err = await failure(fixtureMessage('status-changed'));
    expect(err).toMatchObject({ code: 'LT_WEBHOOK_UNAVAILABLE', retryable: true, retryAfterMs: 1000 });
    sim.setFaults({});
    expect(await outcome(fixtureMessage('status-changed'))).toBe('ok');
    expect(sim.state.answers.outage).toBe(1);
  });

  it('rateLimitRate: 429 with Retry-After', async () => {
    await start({ rateLimitRate: 1, retryAfterSeconds: 3 });
    const err = await failure(fixtureMessage('status-changed'));
    expect(err).toMatchObject({ code: 'LT_WEBHOOK_RATE_LIMITED', kind: 'rate_limited', retryAfterMs: 3000 });
  });

  it('failureRate: 500/502/503, retryable', async () => {
    await start({ failureRate: 1, seed: 1 });
    const seen = new Set<number>();
    for (let i = 1; i <= 12; i++) {
      const err = await failure(messageFor('HS-F', i));
      expect(err.retryable).toBe(true);
      seen.add(err.details?.httpStatus as number);
    }
    expect([...seen].sort()).toEqual([500, 502, 503]);
    expect(sim.state.received).toEqual([]);
    expect(sim.state.answers.failed).toBe(12);
  });

  it('rejectSubjects: 422 for the listed dossiers only, permanent', async () => {
    await start({ rejectSubjects: ['HS-BAD'] });
    const err = await failure(messageFor('HS-BAD', 1));
    expect(err).toMatchObject({ code: 'LT_WEBHOOK_REJECTED', retryable: false });
    expect(err.details?.httpStatus).toBe(422);
    expect(await outcome(messageFor('HS-GOOD', 1))).toBe('ok');
  });

  it('rejectRate: a refused message stays refused on retry', async () => {
    await start({ rejectRate: 0.5, seed: 9 });
    const messages = Array.from({ length: 20 }, (_, i) => messageFor(`HS-R${i}`, 1));
    const first = [];
    for (const m of messages) first.push(await outcome(m));
    expect(first).toContain('ok');
    expect(first).toContain('LT_WEBHOOK_REJECTED:422');
    for (const [i, m] of messages.entries()) {
      if (first[i] !== 'ok') expect(await outcome({ ...m, attempt: 2 })).toBe('LT_WEBHOOK_REJECTED:422');
    }
  });

  it('timeoutRate: records first, answers too late; the retry arrives as a duplicate', async () => {
    await start({ timeoutRate: 1, timeoutMs: 400 });
    const message = fixtureMessage('status-changed');
    expect(await outcome(message, 100)).toBe('LT_WEBHOOK_TIMEOUT:');
    expect(sim.state.byDossier(message.dossierCode)).toEqual([message.messageId]);
    sim.setFaults({});
    expect(await outcome({ ...message, attempt: 2 })).toBe('ok');
    expect(sim.state.duplicates).toBe(1);
    expect(sim.state.answers.delayed).toBe(1);
  });

  it('latencyMs: slows every answer; a sender that gave up is not recorded', async () => {
    await start({ latencyMs: 150 });
    const started = Date.now();
    expect(await outcome(messageFor('HS-L', 1))).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await outcome(messageFor('HS-L', 2), 50)).toBe('LT_WEBHOOK_TIMEOUT:');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sim.state.byDossier('HS-L')).toEqual(['msg-HS-L-1']);
    expect(sim.state.answers.abandoned).toBe(1);
  });

  it('faults change at runtime through POST /_faults, and bad ones are refused by name', async () => {
    await start();
    const set = await axios.post(`${sim.url}/_faults`, { outage: true, seed: 5 });
    expect(set.data).toEqual({ outage: true, seed: 5 });
    expect((await axios.get(`${sim.url}/_faults`)).data).toEqual({ outage: true, seed: 5 });
    expect(await outcome(fixtureMessage('status-changed'))).toBe('LT_WEBHOOK_UNAVAILABLE:503');
    const bad = await axios.post(`${sim.url}/_faults`, { failureRate: 2 }, { validateStatus: () => true });
    expect(bad.status).toBe(400);
    expect(bad.data).toEqual({
      code: 'LT_WEBHOOK_SIM_FAULTS',
      detail: 'faults.failureRate: a number from 0 to 1',
    });
    await axios.post(`${sim.url}/_faults`, {});
    expect(await outcome(fixtureMessage('status-changed'))).toBe('ok');
  });

  it('the same seed gives the same answers; another seed, others', async () => {
    const run = async (seed: number): Promise<string[]> => {
      await start({ seed, failureRate: 0.3, rateLimitRate: 0.2, rejectRate: 0.1 });
      const outcomes = [];
      for (let i = 1; i <= 30; i++) outcomes.push(await outcome(messageFor('HS-S', i)));
      await adapter.close?.();
      await sim.close();
      return outcomes;
    };
    const a = await run(42);
    const b = await run(42);
    const c = await run(43);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a).size).toBeGreaterThan(2);
  });
});

describe('webhook simulator: standalone command line', () => {
  it('reads faults from flags and the secret from the environment', () => {
    const options = parseArgs(
      ['--port', '0', '--failure-rate', '0.2', '--reject-subjects', 'HS-1, HS-2', '--outage', '--seed', '7'],
      { LIENTHONG_WEBHOOK_SECRET: SECRET },
    );
    expect(options).toEqual({
      port: 0,
      host: '127.0.0.1',
      failureRate: 0.2,
      rejectSubjects: ['HS-1', 'HS-2'],
      outage: true,
      seed: 7,
      secret: SECRET,
    });
    expect(parseArgs([], {})).toEqual({ port: 9090, host: '127.0.0.1' });
  });

  it('refuses a rate outside 0..1', () => {
    // Commander prints the usage error itself; keep the test output clean.
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => parseArgs(['--failure-rate', '1.5'], {})).toThrow(/a number from 0 to 1/);
      expect(stderr).toHaveBeenCalledWith(
        expect.stringContaining("option '--failure-rate <p>' argument '1.5' is invalid"),
      );
    } finally {
      stderr.mockRestore();
    }
  });
});
