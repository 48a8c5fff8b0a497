import { testAdapterDeps } from '../../src/adapter/__fixtures__/deps';
import nock from 'nock';
import type { Adapter, AdapterError, DeliveryContext } from '../../src/adapter/contract';
import { LtError } from '../../src/errors';
import { silentLogger } from '../../src/observability/logger';
import { fixtureMessage } from './__fixtures__';
import { WEBHOOK_CONTENT_TYPE, createWebhookAdapter, webhookAdapterFactory } from './client';
import { verifyWebhookSignature } from './signature';

const BASE = 'https://warehouse.example.gov.vn';
const SECRET = 'whsec_0123456789abcdef';

let adapter: Adapter;

function ctx(overrides: Partial<DeliveryContext> = {}): DeliveryContext {
  return { logger: silentLogger, timeoutMs: 2000, signal: new AbortController().signal, ...overrides };
}

function make(config: Partial<Parameters<typeof createWebhookAdapter>[0]> = {}): Adapter {
  adapter = createWebhookAdapter(
    { baseUrl: BASE, path: '/hooks/lienthong', subscribe: ['vn.lienthong.dossier.*'], ...config },
    testAdapterDeps(silentLogger),
  );
  return adapter;
}

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (err) {
    return err as AdapterError;
  }
  throw new Error('expected the delivery to fail');
}

afterEach(async () => {
  await adapter?.close?.();
});

describe('webhook client: what goes on the wire', () => {
  it('POSTs the envelope as CloudEvents JSON with the delivery headers', async () => {
    const message = fixtureMessage('status-changed', { attempt: 3 });
    let seen: { headers: Record<string, string | string[]>; body: string } | undefined;
    nock(BASE)
      .post('/hooks/lienthong')
      .reply(function (_uri, body) {
        seen = { headers: this.req.headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
        return [200, '{"ok":true}', { 'Content-Type': 'application/json' }];
      });

    const result = await make({ headers: { 'X-Tenant': 'h48' } }).deliver(message, ctx());

    expect(seen?.headers).toMatchObject({
      'content-type': WEBHOOK_CONTENT_TYPE,
      'idempotency-key': message.messageId,
      'x-lienthong-message-id': message.messageId,
      'x-lienthong-dossier': '000.00.53.H48-250701-0001',
      'x-lienthong-seq': '2',
      'x-lienthong-attempt': '3',
      'user-agent': expect.stringMatching(/^LienThong\/\d+\.\d+\.\d+/),
      'x-tenant': 'h48',
    });
    expect(seen?.headers['x-lienthong-signature']).toBeUndefined();
    expect(seen?.body).toBe(JSON.stringify(message.payload));
    expect(result.status).toBe(200);
    expect(result.request).toEqual({
      method: 'POST',
      url: `${BASE}/hooks/lienthong`,
      contentType: WEBHOOK_CONTENT_TYPE,
      body: Buffer.from(JSON.stringify(message.payload)),
    });
    expect(result.response?.contentType).toBe('application/json');
    expect(result.response?.body.toString()).toBe('{"ok":true}');
  });

  it('accepts any 2xx, e.g. 201 with an empty body', async () => {
    nock(BASE).post('/hooks/lienthong').reply(201);
    const result = await make().deliver(fixtureMessage('dossier-created'), ctx());
    expect(result.status).toBe(201);
    expect(result.response?.body).toEqual(Buffer.alloc(0));
  });

  it('percent-encodes a dossier code that is not a legal header value', async () => {
    let dossierHeader: unknown;
    nock(BASE)
      .post('/hooks/lienthong')
      .reply(function () {
        dossierHeader = this.req.headers['x-lienthong-dossier'];
        return [200];
      });
    await make().deliver(fixtureMessage('status-changed', { dossierCode: 'HS Đà Nẵng/01' }), ctx());
    expect(dossierHeader).toBe('HS%20%C4%90%C3%A0%20N%E1%BA%B5ng%2F01');
  });

  it('signs the exact body bytes when a secret is configured', async () => {
    let signature: string | undefined;
    let raw: string | undefined;
    nock(BASE)
      .post('/hooks/lienthong')
      .reply(function (_uri, body) {
        signature = this.req.headers['x-lienthong-signature'] as string;
        raw = body as string;
        return [204];
      });
    await make({ secret: SECRET }).deliver(fixtureMessage('result-returned'), ctx());

    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const body = Buffer.from(raw ?? '');
    expect(verifyWebhookSignature(signature, body, SECRET)).toBeGreaterThan(0);
    expect(() => verifyWebhookSignature(signature, Buffer.from(`${raw} `), SECRET)).toThrow(/does not match/);
    expect(() => verifyWebhookSignature(signature, body, 'another-secret-0000')).toThrow(/does not match/);
  });

  it('subscribes by glob pattern', () => {
    const a = make({ subscribe: ['vn.lienthong.dossier.*', 'vn.lienthong.payment.paid'] });
    expect(a.subscribes('vn.lienthong.dossier.status_changed')).toBe(true);
    expect(a.subscribes('vn.lienthong.payment.paid')).toBe(true);
    expect(a.subscribes('vn.lienthong.payment.refunded')).toBe(false);
  });
});

describe('webhook client: failures are classified and carry the wire record', () => {
  it.each([
    [400, {}, 'LT_WEBHOOK_REJECTED', 'permanent', false, undefined],
    [410, {}, 'LT_WEBHOOK_GONE', 'permanent', false, undefined],
    [422, {}, 'LT_WEBHOOK_REJECTED', 'permanent', false, undefined],
    [429, { 'Retry-After': '30' }, 'LT_WEBHOOK_RATE_LIMITED', 'rate_limited', true, 30_000],
    [500, {}, 'LT_WEBHOOK_SERVER_ERROR', 'transient', true, undefined],
    [503, { 'Retry-After': '2' }, 'LT_WEBHOOK_UNAVAILABLE', 'transient', true, 2000],
    [
      301,
      { Location: 'https://elsewhere.example.vn/' },
      'LT_WEBHOOK_REJECTED',
      'permanent',
      false,
      undefined,
    ],
  ] as const)('HTTP %i (headers %j) → %s', async (status, headers, code, kind, retryable, retryAfterMs) => {
    nock(BASE).post('/hooks/lienthong').reply(status, '{"code":"NOPE","detail":"refused"}', headers);
    const message = fixtureMessage('status-changed');
    const err = await rejection(make().deliver(message, ctx()));

    expect(err).toBeInstanceOf(LtError);
    expect({ code: err.code, kind: err.kind, retryable: err.retryable }).toEqual({ code, kind, retryable });
    expect(err.retryAfterMs).toBe(retryAfterMs);
    expect(err.details?.httpStatus).toBe(status);
    expect(err.wire?.url).toBe(`${BASE}/hooks/lienthong`);
    expect(err.wire?.body.toString()).toBe(JSON.stringify(message.payload));
  });

  it('puts the refusal reason in the detail of a permanent error', async () => {
    nock(BASE).post('/hooks/lienthong').reply(422, { code: 'UNKNOWN_AGENCY', detail: 'agency H99 unknown' });
    const err = await rejection(make().deliver(fixtureMessage('status-changed'), ctx()));
    expect(err.detail).toBe(
      'webhook: HTTP 422 refused: {"code":"UNKNOWN_AGENCY","detail":"agency H99 unknown"}',
    );
  });

  it('times out after ctx.timeoutMs → LT_WEBHOOK_TIMEOUT, retryable', async () => {
    nock(BASE).post('/hooks/lienthong').delay(1000).reply(200);
    const err = await rejection(make().deliver(fixtureMessage('status-changed'), ctx({ timeoutMs: 50 })));
    expect(err.code).toBe('LT_WEBHOOK_TIMEOUT');
    expect(err.retryable).toBe(true);
    expect(err.wire).toBeDefined();
  });

  it('stops when ctx.signal aborts (shutdown) → LT_WEBHOOK_TIMEOUT, retryable', async () => {
    nock(BASE).post('/hooks/lienthong').delay(1000).reply(200);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const err = await rejection(
      make().deliver(fixtureMessage('status-changed'), ctx({ signal: controller.signal })),
    );
    expect(err.code).toBe('LT_WEBHOOK_TIMEOUT');
    expect(err.retryable).toBe(true);
  });

  it('connection refused → LT_WEBHOOK_UNREACHABLE, retryable, with the wire record', async () => {
    nock(BASE)
      .post('/hooks/lienthong')
      .replyWithError(
        Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
      );
    const err = await rejection(make().deliver(fixtureMessage('status-changed'), ctx()));
    expect(err.code).toBe('LT_WEBHOOK_UNREACHABLE');
    expect(err.kind).toBe('transient');
    expect(err.retryable).toBe(true);
    expect(err.wire?.method).toBe('POST');
  });

  it('refuses a message without a payload as permanent, before sending anything', async () => {
    const err = await rejection(
      make().deliver(fixtureMessage('status-changed', { payload: undefined }), ctx()),
    );
    expect(err.code).toBe('LT_WEBHOOK_INVALID_PAYLOAD');
    expect(err.retryable).toBe(false);
  });
});

describe('webhook client: configuration', () => {
  it.each([
    [{ baseUrl: 'not a url' }, 'systems.webhook.baseUrl: "not a url" is not an absolute URL'],
    [
      { baseUrl: 'ftp://x.example.vn' },
      'systems.webhook.baseUrl: only http and https URLs are supported, got ftp:',
    ],
    [
      { headers: { 'idempotency-KEY': 'x' } },
      'systems.webhook.headers.idempotency-KEY: set by the gateway itself',
    ],
  ])('refuses %j', (config, detail) => {
    expect(() => make(config)).toThrow(
      expect.objectContaining({ code: 'LT_CONFIG_INVALID', message: expect.stringContaining(detail) }),
    );
  });

  it('joins baseUrl and path with one slash', async () => {
    nock(BASE).post('/base/hook').reply(200);
    make({ baseUrl: `${BASE}/base/`, path: 'hook' });
    await expect(adapter.deliver(fixtureMessage('status-changed'), ctx())).resolves.toMatchObject({
      request: { url: `${BASE}/base/hook` },
    });
  });

  it('the factory requires baseUrl, by name', () => {
    expect(() => webhookAdapterFactory.create({ subscribe: [] }, testAdapterDeps(silentLogger))).toThrow(
      /^systems\.webhook\.baseUrl: required/,
    );
  });
});
