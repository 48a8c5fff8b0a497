import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorKind } from '../../src/errors';
import type { Adapter, AdapterError, DeliveryContext, OutboundMessage } from '../../src/adapter/contract';
import { silentLogger } from '../../src/observability/logger';

/**
 * The conformance suite every outbound adapter runs (like BullMQ's adapter-conformance tests): the
 * delivery engine relies on these promises and on nothing adapter-specific. The adapter talks to a
 * loopback "partner" whose answers each test sets, so the suite works whatever HTTP client the
 * adapter uses. Adapters whose partner signals failure otherwise (200 with an error code in the body)
 * add their own tests on top.
 *
 * Promises checked:
 * - every fixture is delivered, with its message id on the wire, and the returned wire record is the
 *   bytes the partner received;
 * - a 4xx refusal is permanent; 429 is retryable and honours Retry-After; 5xx, refused connections and
 *   timeouts are retryable;
 * - errors carry a stable `LT_<AREA>_<REASON>` code and, for answered requests, the wire record.
 */
export interface PartnerRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface PartnerAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Hold the answer this long (to provoke client timeouts). */
  delayMs?: number;
}

export interface AdapterContractOptions {
  /** Builds the adapter under test, pointed at the loopback partner. */
  makeAdapter(baseUrl: string): Adapter | Promise<Adapter>;
  /** Scenario-named messages, normally the adapter's `__fixtures__`. */
  fixtures: Record<string, OutboundMessage>;
  /** The partner's answer when it accepts. @defaultValue 200 with `{}` */
  accept?(req: PartnerRequest): PartnerAnswer;
  /** Requests besides the delivery itself (login, token), always answered with `accept`. */
  isAuxiliary?(req: PartnerRequest): boolean;
}

const RETRYABLE_KINDS: ErrorKind[] = ['transient', 'rate_limited', 'unavailable'];
const CODE = /^LT_[A-Z0-9]+(_[A-Z0-9]+)+$/;

export function runAdapterContract(name: string, options: AdapterContractOptions): void {
  const accept =
    options.accept ?? (() => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' }));
  const isAuxiliary = options.isAuxiliary ?? (() => false);
  const first = Object.values(options.fixtures)[0];

  describe(`${name} adapter contract`, () => {
    const partner = createPartner();
    let adapter: Adapter | undefined;

    beforeAll(() => partner.start());
    afterAll(() => partner.stop());
    afterEach(async () => {
      await adapter?.close?.();
      adapter = undefined;
      partner.reset();
    });

    async function attempt(message: OutboundMessage, timeoutMs = 5000, baseUrl = partner.url()) {
      adapter = await options.makeAdapter(baseUrl);
      const ctx: DeliveryContext = { logger: silentLogger, timeoutMs, signal: new AbortController().signal };
      return adapter.deliver(message, ctx);
    }

    async function failure(
      message: OutboundMessage,
      timeoutMs?: number,
      baseUrl?: string,
    ): Promise<AdapterError> {
      try {
        await attempt(message, timeoutMs, baseUrl);
      } catch (err) {
        const e = err as AdapterError;
        expect(e.code).toMatch(CODE);
        expect(typeof e.detail).toBe('string');
        return e;
      }
      throw new Error('expected the delivery to fail');
    }

    function delivery(): PartnerRequest {
      const requests = partner.requests.filter((r) => !isAuxiliary(r));
      expect(requests.length).toBeGreaterThan(0);
      return requests[requests.length - 1];
    }

    it('has at least one fixture', () => {
      expect(first).toBeDefined();
    });

    it.each(Object.entries(options.fixtures))(
      'delivers fixture %s with its message id on the wire',
      async (_n, message) => {
        partner.answer = accept;
        const result = await attempt(message);
        const req = delivery();
        const onWire = [...Object.values(req.headers).flat(), req.body.toString('utf8')].join('\n');
        expect(onWire).toContain(message.messageId);
        expect(result.request.method).toBe(req.method);
        expect(result.request.body.equals(req.body)).toBe(true);
      },
    );

    it.each([400, 403, 404, 422])('a %i refusal is permanent, with the wire record', async (status) => {
      partner.answer = refuseWith(status, accept, isAuxiliary);
      const err = await failure(first as OutboundMessage);
      expect(err.retryable).toBe(false);
      expect(err.wire?.body.equals(delivery().body)).toBe(true);
    });

    it('429 is retryable and honours Retry-After', async () => {
      partner.answer = refuseWith(429, accept, isAuxiliary, { 'Retry-After': '7' });
      const err = await failure(first as OutboundMessage);
      expect(err).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 7000 });
      expect(err.wire).toBeDefined();
    });

    it.each([500, 502, 503, 504])('a %i answer is retryable', async (status) => {
      partner.answer = refuseWith(status, accept, isAuxiliary);
      const err = await failure(first as OutboundMessage);
      expect(err.retryable).toBe(true);
      expect(RETRYABLE_KINDS).toContain(err.kind);
      expect(err.wire).toBeDefined();
    });

    it('a refused connection is retryable', async () => {
      const err = await failure(first as OutboundMessage, 5000, await closedPortUrl());
      expect(err.retryable).toBe(true);
    });

    it('no answer within ctx.timeoutMs is retryable, and the attempt ends on time', async () => {
      partner.answer = (req) => (isAuxiliary(req) ? accept(req) : { ...accept(req), delayMs: 5000 });
      const started = Date.now();
      const err = await failure(first as OutboundMessage, 200);
      expect(err.retryable).toBe(true);
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });
}

function refuseWith(
  status: number,
  accept: (req: PartnerRequest) => PartnerAnswer,
  isAuxiliary: (req: PartnerRequest) => boolean,
  headers: Record<string, string> = {},
): (req: PartnerRequest) => PartnerAnswer {
  return (req) =>
    isAuxiliary(req)
      ? accept(req)
      : {
          status,
          headers: { 'Content-Type': 'application/json', ...headers },
          body: `{"code":"E${status}","detail":"refused by the contract suite"}`,
        };
}

/** A loopback HTTP partner that records requests and answers as the current test says. */
function createPartner() {
  const requests: PartnerRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      const answer = partner.answer(recorded);
      const send = (): void => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      };
      if (!answer.delayMs) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, answer.delayMs);
      timers.add(timer);
    });
  });
  const partner = {
    requests,
    answer: ((): PartnerAnswer => ({ status: 200 })) as (req: PartnerRequest) => PartnerAnswer,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    start: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    reset() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      requests.length = 0;
      // Held requests would otherwise keep their sockets until the server stops.
      server.closeAllConnections();
    },
  };
  return partner;
}

/** A URL where nothing listens: bind a port, then free it. */
async function closedPortUrl(): Promise<string> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
