import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import type { DeliveryContext, OutboundMessage } from '../../src/adapter/contract';
import { FileBlobStore } from '../../src/blob/store';
import { LtError } from '../../src/errors';
import { loadMappings } from '../../src/mapping';
import type { MappingSet } from '../../src/mapping';
import { createDossierEvent } from '../../src/model';
import type { Dossier, DossierEventData, DossierStatus } from '../../src/model';
import { silentLogger } from '../../src/observability/logger';
import { MAPPINGS_DIR } from '../../src/paths';
import { MemoryStateStore } from '../../src/store/state';
import { COMMUNE, PROVINCE, transferScenario } from './__fixtures__/exchange';
import { fakeVxpClient } from './__fixtures__/fake-client';
import type { FakeVxpClient } from './__fixtures__/fake-client';
import { createExchangePki } from './__fixtures__/pki';
import type { ExchangePki, TestAgency } from './__fixtures__/pki';
import type { IdeskConfig } from './config';
import { checkPackage } from './edge';
import type { ParsedEdxml } from './edxml';
import { deliverExchange } from './outbound';
import type { OutboundDeps } from './outbound';
import { readTransfer } from './packages';

const DIRECT_URL = 'https://idesk.province.test/edxml/inbound';

let pki: ExchangePki;
let mappings: MappingSet;
let blobDir: string;
beforeAll(() => {
  pki = createExchangePki();
  mappings = loadMappings(MAPPINGS_DIR);
  blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-outbound-'));
});
afterAll(() => {
  pki?.cleanup();
  fs.rmSync(blobDir, { recursive: true, force: true });
});

interface Harness {
  deps: OutboundDeps;
  axis: FakeVxpClient;
  state: MemoryStateStore;
}

/** The adapter's deps for a gateway that speaks for `agency`, with an in-memory axis and state. */
function harness(agency: { id: string }, signer: TestAgency, extra: Partial<IdeskConfig> = {}): Harness {
  const axis = fakeVxpClient();
  const state = new MemoryStateStore();
  const config: IdeskConfig = {
    agencies: [agency.id],
    vxp: { endpoint: 'http://vxp.test', systemId: 'vxp.saas.11', secret: 'secret' },
    signing: { keyFile: signer.files.keyFile, certificateFile: signer.files.certificateFile },
    ...extra,
  };
  const deps: OutboundDeps = {
    logger: silentLogger,
    mappings,
    state,
    blobs: new FileBlobStore(blobDir),
    client: axis.client,
    identity: signer.identity,
    config,
  };
  return { deps, axis, state };
}

let seq = 0;
function message(dossier: Dossier, change: DossierEventData['change']): OutboundMessage {
  seq += 1;
  const event = createDossierEvent({ dossier, change, source: '/lienthong/api/v1' });
  return {
    messageId: `msg-${seq}`,
    dossierCode: dossier.code,
    target: 'idesk',
    seq,
    eventType: event.type,
    payload: event,
    attempt: 1,
  };
}

const ctx = (): DeliveryContext => ({
  logger: silentLogger,
  timeoutMs: 5_000,
  signal: new AbortController().signal,
});

/** The package as the receiving gateway's edge reads it: it must verify against the test root. */
async function verified(bytes: Buffer): Promise<ParsedEdxml> {
  const outcome = await checkPackage(bytes, pki.trust);
  if (!outcome.ok) throw new Error(`package refused at the edge: ${outcome.code}: ${outcome.detail}`);
  expect(outcome.verdict).toMatchObject({ status: 'valid', trustedBy: 'chain' });
  return outcome.parsed;
}

/** The commune's dossier with a transfer it asked for (status sent), its files in the blob store. */
async function sentTransfer(h: Harness) {
  const s = transferScenario({ code: `${COMMUNE.id}-261122-${String(100 + seq).padStart(4, '0')}` });
  for (const f of s.files) await h.deps.blobs!.put(f.content);
  return s;
}

describe('deliverExchange, sender side: the transfers we were asked to make', () => {
  it('sends one signed edoc through the axis, from us to the receiving agency, with the files', async () => {
    const h = harness(COMMUNE, pki.commune);
    const { dossier, transfer, files } = await sentTransfer(h);
    const result = await deliverExchange(message(dossier, { kind: 'updated' }), ctx(), h.deps);

    const sent = h.axis.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ from: COMMUNE.id, to: [PROVINCE.id], messagetype: 'edoc' });
    const parsed = await verified(sent[0].edxml);
    if (parsed.kind !== 'edoc') throw new Error('expected an edoc');
    expect(parsed.edoc.header.documentId).toBe(transfer.documentId);
    const carried = readTransfer(parsed.edoc)!;
    expect(carried.dossier.code).toBe(dossier.code);
    expect(
      carried.files.map((f) => f.content.equals(files.find((x) => x.document.id === f.document.id)!.content)),
    ).toEqual([true, true]);

    expect(result).toMatchObject({ status: 200, externalId: 'vxp-1' });
    expect(result.request.body.equals(sent[0].edxml)).toBe(true);
    expect(await h.state.read(`sent:edoc:${transfer.documentId}`)).toMatchObject({ docId: 'vxp-1' });
  });

  it('sends a file known only by its metadata as metadata (no bytes in the blob store)', async () => {
    const h = harness(COMMUNE, pki.commune);
    const s = transferScenario({ code: `${COMMUNE.id}-261122-0777` });
    const missing = {
      ...s.files[0].document,
      id: 'tp09',
      sha256: 'f'.repeat(64),
      blobRef: `sha256:${'f'.repeat(64)}`,
    };
    const dossier = { ...s.dossier, documents: [missing] };
    await deliverExchange(message(dossier, { kind: 'updated' }), ctx(), h.deps);
    const parsed = await verified(h.axis.sent()[0].edxml);
    if (parsed.kind !== 'edoc') throw new Error('expected an edoc');
    const carried = readTransfer(parsed.edoc)!;
    expect(carried.dossier.documents.map((d) => d.id)).toEqual(['tp09']);
    expect(carried.files).toEqual([]);
  });

  it('sends nothing the second time the same event comes (remembered), and records NONE', async () => {
    const h = harness(COMMUNE, pki.commune);
    const { dossier } = await sentTransfer(h);
    const event = message(dossier, { kind: 'updated' });
    await deliverExchange(event, ctx(), h.deps);
    const again = await deliverExchange({ ...event, attempt: 2 }, ctx(), h.deps);

    expect(h.axis.sent()).toHaveLength(1);
    expect(again.status).toBe(204);
    expect(again.request).toMatchObject({ method: 'NONE', url: 'idesk:nothing-to-send' });
    expect(again.request.body).toHaveLength(0);
    expect(again.externalId).toBeUndefined();
  });

  it('does not send a transfer that is not ours, or no longer `sent`', async () => {
    const h = harness(COMMUNE, pki.commune);
    const other = transferScenario({ from: PROVINCE, to: { id: '000.00.99.H48' } });
    const received = transferScenario({ status: 'received', to: PROVINCE });
    for (const d of [other.dossier, received.dossier]) {
      const result = await deliverExchange(message(d, { kind: 'updated' }), ctx(), h.deps);
      expect(result.request.method).toBe('NONE');
    }
    expect(h.axis.calls).toEqual([]);
  });

  it('sends nothing for an event that asks nothing of the exchange (a dossier without transfers)', async () => {
    const h = harness(COMMUNE, pki.commune);
    const { dossier } = transferScenario();
    const plain = { ...dossier, transfers: [] };
    for (const change of [
      { kind: 'created' as const, to: plain.status },
      { kind: 'status_changed' as const, from: 'received' as DossierStatus, to: plain.status },
      { kind: 'updated' as const },
    ]) {
      const result = await deliverExchange(message(plain, change), ctx(), h.deps);
      expect(result).toMatchObject({ status: 204, request: { method: 'NONE' } });
    }
    expect(h.axis.calls).toEqual([]);
    expect(h.state.values.size).toBe(0);
  });
});

describe('deliverExchange, receiver side: the status messages we owe the sender', () => {
  /** The province's copy of a dossier the commune transferred to it, at `status`. */
  const ours = (status: DossierStatus, steps: number) => {
    const { dossier, transfer } = transferScenario({ status: 'received', code: `${COMMUNE.id}-261122-0042` });
    const progress = Array.from({ length: steps }, (_, i) => ({
      status,
      at: new Date(Date.UTC(2026, 10, 22, 4, i)).toISOString(),
    }));
    return { dossier: { ...dossier, status, progress } as Dossier, transfer };
  };

  const statusOf = async (bytes: Buffer) => {
    const parsed = await verified(bytes);
    if (parsed.kind !== 'status') throw new Error('expected a status message');
    return parsed.status;
  };

  it('answers 01 (đã đến) to the sender when the transferred dossier is created here', async () => {
    const h = harness(PROVINCE, pki.province);
    const { dossier, transfer } = ours('received', 2);
    const result = await deliverExchange(
      message(dossier, { kind: 'created', to: 'received' }),
      ctx(),
      h.deps,
    );

    const sent = h.axis.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ from: PROVINCE.id, to: [COMMUNE.id], messagetype: 'status' });
    const status = await statusOf(sent[0].edxml);
    expect(status).toMatchObject({
      statusCode: '01',
      description: 'Đã đến',
      from: { organId: PROVINCE.id },
      responseFor: { documentId: transfer.documentId, organId: COMMUNE.id },
      timestamp: dossier.progress[1].at,
    });
    expect(result.status).toBe(200);
  });

  it('answers 05 when our work starts (processing) and 06 when it is resolved, once each', async () => {
    const h = harness(PROVINCE, pki.province);
    const processing = ours('processing', 3).dossier;
    const resolved = ours('resolved', 4).dossier;
    await deliverExchange(
      message(processing, { kind: 'status_changed', from: 'received', to: 'processing' }),
      ctx(),
      h.deps,
    );
    const event = message(resolved, { kind: 'status_changed', from: 'processing', to: 'resolved' });
    await deliverExchange(event, ctx(), h.deps);
    await deliverExchange({ ...event, attempt: 2 }, ctx(), h.deps);

    const codes = await Promise.all(h.axis.sent().map(async (s) => (await statusOf(s.edxml)).statusCode));
    // 01 is owed once per received transfer, on whichever event comes first (here the first status change).
    expect(codes).toEqual(['01', '05', '06']);
    const descriptions = await Promise.all(
      h.axis.sent().map(async (s) => (await statusOf(s.edxml)).description),
    );
    expect(descriptions).toEqual(['Đã đến', 'Đang xử lý', 'Hoàn thành xử lý']);
  });

  it('owes nothing but the one 01 for a status the code table does not list, or a plain update', async () => {
    const h = harness(PROVINCE, pki.province);
    const pending = ours('payment_requested', 3).dossier;
    await deliverExchange(
      message(pending, { kind: 'status_changed', from: 'received', to: pending.status }),
      ctx(),
      h.deps,
    );
    await deliverExchange(message(ours('received', 2).dossier, { kind: 'updated' }), ctx(), h.deps);
    const codes = await Promise.all(h.axis.sent().map(async (s) => (await statusOf(s.edxml)).statusCode));
    expect(codes).toEqual(['01']);
  });
});

describe('deliverExchange to an iDesk that takes edXML directly', () => {
  const direct = { direct: { [PROVINCE.id]: { url: DIRECT_URL } } };

  it('POSTs the signed package to the configured URL instead of the axis', async () => {
    const h = harness(COMMUNE, pki.commune, direct);
    const { dossier, transfer } = await sentTransfer(h);
    let body = '';
    const scope = nock('https://idesk.province.test')
      .matchHeader('content-type', /^application\/xml/)
      .post('/edxml/inbound', (b: string) => {
        body = typeof b === 'string' ? b : JSON.stringify(b);
        return true;
      })
      .reply(200, { outcome: 'accepted' });
    const result = await deliverExchange(message(dossier, { kind: 'updated' }), ctx(), h.deps);

    expect(scope.isDone()).toBe(true);
    expect(h.axis.calls).toEqual([]);
    const parsed = await verified(Buffer.from(body, 'utf8'));
    expect(parsed.kind === 'edoc' && parsed.edoc.header.documentId).toBe(transfer.documentId);
    expect(result).toMatchObject({
      status: 200,
      request: { method: 'POST', url: DIRECT_URL },
      externalId: `direct:sent:edoc:${transfer.documentId}`,
    });
  });

  const refusal = async (httpStatus: number): Promise<{ err: LtError; h: Harness; code: string }> => {
    const h = harness(COMMUNE, pki.commune, direct);
    const { dossier, transfer } = await sentTransfer(h);
    nock('https://idesk.province.test').post('/edxml/inbound').reply(httpStatus, 'no');
    const err = await deliverExchange(message(dossier, { kind: 'updated' }), ctx(), h.deps).then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: unknown) => e as LtError,
    );
    expect(err).toBeInstanceOf(LtError);
    return { err, h, code: transfer.documentId! };
  };

  it('5xx: a retryable LtError carrying what was sent, and nothing remembered (the retry sends it)', async () => {
    const { err, h, code } = await refusal(503);
    expect(err).toMatchObject({ code: 'LT_IDESK_DIRECT_REFUSED', kind: 'transient', retryable: true });
    expect(err.details).toEqual({ httpStatus: 503 });
    expect((err as LtError & { wire?: { url: string } }).wire?.url).toBe(DIRECT_URL);
    expect(await h.state.read(`sent:edoc:${code}`)).toBeUndefined();
  });

  it('4xx: a permanent LtError', async () => {
    const { err } = await refusal(400);
    expect(err).toMatchObject({ code: 'LT_IDESK_DIRECT_REFUSED', kind: 'permanent', retryable: false });
    expect(err.details).toEqual({ httpStatus: 400 });
  });
});

describe('deliverExchange input', () => {
  it('refuses a message without a dossier event (LT_IDESK_INVALID_EVENT, permanent)', async () => {
    const h = harness(COMMUNE, pki.commune);
    const { dossier } = transferScenario();
    const base = message(dossier, { kind: 'updated' });
    for (const payload of [undefined, {}, { data: { dossier } }, { data: { change: { kind: 'updated' } } }]) {
      await expect(deliverExchange({ ...base, payload }, ctx(), h.deps)).rejects.toMatchObject({
        code: 'LT_IDESK_INVALID_EVENT',
        retryable: false,
      });
    }
    expect(h.axis.calls).toEqual([]);
  });
});
