import type { Db } from '../../src/store';
import { silentLogger } from '../../src/observability/logger';
import { MemoryStateStore } from '../../src/store/state';
import type { MappingSet } from '../../src/mapping';
import type { TrustStore } from '../../src/trust/store';
import type { Verdict } from '../../src/trust/verdict';
import { fakeVxpClient } from './__fixtures__/fake-client';
import type { FakeVxpClient } from './__fixtures__/fake-client';
import { VxpPoller } from './poller';
import { receivePackage } from './receive';
import type { ReceiveDeps, ReceiveResult } from './receive';

// The edge and the database are receive.ts's business (receive.int.test.ts); here only what the poller
// does with each outcome: acknowledge, or not.
jest.mock('./receive', () => ({ receivePackage: jest.fn() }));
const receive = receivePackage as jest.MockedFunction<typeof receivePackage>;

const VERDICT: Verdict = {
  kind: 'xmldsig',
  status: 'valid',
  reason: 'LT_TRUST_OK',
  detail: 'test',
  checkedAt: '2026-11-22T00:00:00.000Z',
  algorithms: {},
};
const outcome = (o: ReceiveResult['outcome'], code = 'LT_TRUST_OK'): ReceiveResult => ({
  outcome: o,
  code,
  detail: o,
  verdict: VERDICT,
});

/** What receivePackage answers for each package, by its bytes (the fake axis serves `pkg:<docId>`). */
function answers(byDocId: Record<string, ReceiveResult | Error>): void {
  receive.mockImplementation(async (bytes) => {
    const docId = bytes.toString('utf8').replace(/^pkg:/, '');
    const answer = byDocId[docId];
    if (answer === undefined) throw new Error(`no answer planned for ${docId}`);
    if (answer instanceof Error) throw answer;
    return answer;
  });
}

const receiveDeps = (): ReceiveDeps => ({
  db: {} as Db,
  trust: {} as TrustStore,
  dossiers: { sync: jest.fn(), find: jest.fn(), amend: jest.fn(), findByTransfer: jest.fn() },
  mappings: {} as MappingSet,
  logger: silentLogger,
  agencies: new Set(['000.00.00.H48']),
  policy: {},
});

function axis(inbox: { edoc?: string[]; status?: string[] }): FakeVxpClient {
  const ids = [...(inbox.edoc ?? []), ...(inbox.status ?? [])];
  return fakeVxpClient({
    inbox,
    packages: Object.fromEntries(ids.map((id) => [id, Buffer.from(`pkg:${id}`)])),
  });
}

const poller = (fake: FakeVxpClient, state = new MemoryStateStore(), instanceId = 'gw-1') =>
  new VxpPoller(fake.client, { intervalMs: 1000, timeoutMs: 2000 }, { ...receiveDeps(), state, instanceId });

beforeEach(() => receive.mockReset());

describe('VxpPoller.pass()', () => {
  it('acknowledges done for accepted and duplicate packages, fail for refused ones', async () => {
    const fake = axis({ edoc: ['d1', 'd2', 'd3'] });
    answers({
      d1: outcome('accepted'),
      d2: outcome('duplicate', 'LT_SIG_REPLAY'),
      d3: outcome('refused', 'LT_CERT_UNTRUSTED'),
    });
    const results = await poller(fake).pass();

    expect(fake.acks()).toEqual([
      ['d1', 'done'],
      ['d2', 'done'],
      ['d3', 'fail'],
    ]);
    expect(results.map((r) => [r.outcome, r.code])).toEqual([
      ['accepted', 'LT_TRUST_OK'],
      ['duplicate', 'LT_SIG_REPLAY'],
      ['refused', 'LT_CERT_UNTRUSTED'],
    ]);
  });

  it('hands receivePackage the downloaded bytes and the axis docId, and acknowledges only after it', async () => {
    const fake = axis({ edoc: ['d1'] });
    const acksSeenByReceive: number[] = [];
    receive.mockImplementation(async () => {
      acksSeenByReceive.push(fake.acks().length);
      return outcome('accepted');
    });
    await poller(fake).pass();

    expect(receive).toHaveBeenCalledTimes(1);
    expect(acksSeenByReceive).toEqual([0]);
    expect(fake.acks()).toEqual([['d1', 'done']]);
    const [bytes, deps, meta] = receive.mock.calls[0];
    expect(bytes.toString('utf8')).toBe('pkg:d1');
    expect(meta).toEqual({ exchangeId: 'd1' });
    expect(deps.agencies.has('000.00.00.H48')).toBe(true);
    expect(fake.calls.map((c) => c.call)).toEqual([
      'getReceivedEdocList',
      'getEdoc',
      'updateStatus',
      'getReceivedEdocList',
    ]);
  });

  it('takes documents before status messages', async () => {
    const fake = axis({ status: ['s1', 's2'], edoc: ['d1'] });
    answers({ d1: outcome('accepted'), s1: outcome('accepted'), s2: outcome('accepted') });
    await poller(fake).pass();

    expect(fake.calls.flatMap((c) => (c.call === 'getReceivedEdocList' ? [c.messagetype] : []))).toEqual([
      'edoc',
      'status',
    ]);
    expect(receive.mock.calls.map(([bytes]) => bytes.toString('utf8'))).toEqual([
      'pkg:d1',
      'pkg:s1',
      'pkg:s2',
    ]);
    expect(fake.acks().map(([id]) => id)).toEqual(['d1', 's1', 's2']);
  });

  it('does not acknowledge a package whose processing threw, and goes on with the others', async () => {
    const fake = axis({ edoc: ['d1', 'd2', 'd3'], status: ['s1'] });
    answers({
      d1: outcome('accepted'),
      d2: new Error('database unavailable'),
      d3: outcome('accepted'),
      s1: outcome('accepted'),
    });

    const results = await poller(fake).pass();
    expect(results).toHaveLength(3);
    expect(fake.acks()).toEqual([
      ['d1', 'done'],
      ['d3', 'done'],
      ['s1', 'done'],
    ]);
  });

  it('returns [] and calls nothing while another holder has the lease; the holder itself goes on', async () => {
    const state = new MemoryStateStore();
    const first = axis({ edoc: ['d1'] });
    answers({ d1: outcome('accepted') });
    expect(await poller(first, state, 'gw-1').pass()).toHaveLength(1);

    const second = axis({ edoc: ['d1'] });
    expect(await poller(second, state, 'gw-2').pass()).toEqual([]);
    expect(second.calls).toEqual([]);

    const again = axis({ edoc: ['d1'] });
    expect(await poller(again, state, 'gw-1').pass()).toHaveLength(1);
  });

  it('an empty axis: no download, no acknowledgement', async () => {
    const fake = axis({});
    expect(await poller(fake).pass()).toEqual([]);
    expect(fake.calls.map((c) => c.call)).toEqual(['getReceivedEdocList', 'getReceivedEdocList']);
    expect(receive).not.toHaveBeenCalled();
  });
});
