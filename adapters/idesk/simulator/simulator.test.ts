import fs from 'node:fs';
import axios from 'axios';
import { vectorDir } from '../../../test/vectors';
import type { LtError } from '../../../src/errors';
import { VxpClient } from '../client';
import { sdkEntries, signHeaders, vxpTimestamp } from '../signing';
import { startVxpSimulator } from './server';
import type { RunningVxpSimulator } from './server';
import type { VxpSimSystem } from './state';

const resource = (name: string): Buffer =>
  fs.readFileSync(vectorDir('edxml', 'vpcp-sdk-example', 'resources', name));
const EDOC = resource('edoc_update.edxml'); // From G22, To H41, H14, G17
const STATUS = resource('status.edxml'); // From H41, ResponseFor G22, no To

const SYSTEMS: VxpSimSystem[] = [
  { systemId: 'sys.a', secrets: ['secret-a'], agencies: ['000.00.00.G22'] },
  { systemId: 'sys.b', secrets: ['old-b', 'secret-b'], agencies: ['000.00.00.H41', '000.00.00.H14'] },
  { systemId: 'sys.c', secrets: ['secret-c'], agencies: ['000.00.00.G17'] },
];

let sim: RunningVxpSimulator;
const clients: VxpClient[] = [];

function client(systemId: string, secret: string, now?: () => Date): VxpClient {
  const made = new VxpClient({ endpoint: sim.url, systemId, secret, now });
  clients.push(made);
  return made;
}

async function rejection(promise: Promise<unknown>): Promise<LtError> {
  try {
    await promise;
  } catch (err) {
    return err as LtError;
  }
  throw new Error('expected the call to fail');
}

beforeEach(async () => {
  sim = await startVxpSimulator({ systems: SYSTEMS });
});

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await sim.close();
});

describe('VXP simulator: two systems exchange packages over HTTP', () => {
  it('routes by the signed `to`, lets the receiver pull and acknowledge, and lists only what waits', async () => {
    const a = client('sys.a', 'secret-a');
    const b = client('sys.b', 'secret-b');
    const sent = await a.sendEdoc(STATUS, { from: '000.00.00.G22', to: ['000.00.00.H14'] });
    expect(sent.docId).toMatch(/^[0-9a-f-]{36}$/);

    const { items } = await b.getReceivedEdocList({ messagetype: 'edoc' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      serviceType: 'eDoc',
      messageType: 'edoc',
      from: '000.00.00.G22',
      to: '000.00.00.H14',
      status: 'pending',
    });
    expect((await b.getReceivedEdocList({ messagetype: 'status' })).items).toEqual([]);
    expect((await a.getReceivedEdocList({ messagetype: 'edoc' })).items).toEqual([]);

    const { edxml } = await b.getEdoc(items[0].docId);
    expect(edxml.equals(STATUS)).toBe(true);
    // Another system cannot read or acknowledge it.
    expect((await rejection(client('sys.c', 'secret-c').getEdoc(items[0].docId))).code).toBe(
      'LT_VXP_REJECTED',
    );

    await b.updateStatus(items[0].docId, 'done');
    expect((await b.getReceivedEdocList({ messagetype: 'edoc' })).items).toEqual([]);
    const view = (await axios.get(`${sim.url}/_sim/agencies/000.00.00.H14`)).data;
    expect(view.received).toHaveLength(1);
    expect(view.received[0]).toMatchObject({ docId: items[0].docId, status: 'done' });
    expect(view.acknowledgements).toMatchObject([
      { docId: items[0].docId, systemId: 'sys.b', status: 'done' },
    ]);
    const sender = (await axios.get(`${sim.url}/_sim/agencies/000.00.00.G22`)).data;
    expect(sender.sent).toMatchObject([{ docId: sent.docId, to: ['000.00.00.H14'], senderSystem: 'sys.a' }]);
  });

  it('routes by the edXML To when `to` is absent, and a status by its ResponseFor', async () => {
    const a = client('sys.a', 'secret-a');
    const b = client('sys.b', 'old-b'); // any active secret works
    await a.sendEdoc(EDOC, { from: '000.00.00.G22' });
    const forB = (await b.getReceivedEdocList({ messagetype: 'edoc' })).items.map((i) => i.to).sort();
    expect(forB).toEqual(['000.00.00.H14', '000.00.00.H41']);
    const forC = (await client('sys.c', 'secret-c').getReceivedEdocList({ messagetype: 'edoc' })).items;
    expect(forC.map((i) => i.to)).toEqual(['000.00.00.G17']);
    // Each recipient has its own DocId.
    expect(
      new Set([...forC, ...(await b.getReceivedEdocList({ messagetype: 'edoc' })).items].map((i) => i.docId))
        .size,
    ).toBe(3);

    await b.sendEdoc(STATUS, { from: '000.00.00.H41', messagetype: 'status' });
    const statuses = (await a.getReceivedEdocList({ messagetype: 'status' })).items;
    expect(statuses).toMatchObject([{ messageType: 'status', from: '000.00.00.H41', to: '000.00.00.G22' }]);
  });

  it('acknowledgements: processing stays listed, fail and done remove; each is recorded', async () => {
    const a = client('sys.a', 'secret-a');
    const b = client('sys.b', 'secret-b');
    await a.sendEdoc(EDOC, { from: '000.00.00.G22' });
    const [first, second] = (await b.getReceivedEdocList({ messagetype: 'edoc' })).items;
    await b.updateStatus(first.docId, 'processing');
    await b.updateStatus(second.docId, 'fail');
    const left = (await b.getReceivedEdocList({ messagetype: 'edoc' })).items;
    expect(left.map((i) => [i.docId, i.status])).toEqual([[first.docId, 'processing']]);
    await b.updateStatus(first.docId, 'done');
    expect((await b.getReceivedEdocList({ messagetype: 'edoc' })).items).toEqual([]);
    expect(sim.simulator.state.acknowledgements.map((k) => k.status)).toEqual(['processing', 'fail', 'done']);
    const missing = await rejection(b.updateStatus('00000000-0000-0000-0000-000000000000', 'done'));
    expect([missing.code, missing.details?.errorCode]).toEqual(['LT_VXP_REJECTED', '404']);
  });

  it('refuses a sender agency of another system and unknown recipients', async () => {
    const a = client('sys.a', 'secret-a');
    const notMine = await rejection(a.sendEdoc(STATUS, { from: '000.00.00.H41', to: ['000.00.00.G17'] }));
    expect([notMine.code, notMine.details?.errorCode]).toEqual(['LT_VXP_REJECTED', '403']);
    const unknown = await rejection(a.sendEdoc(STATUS, { from: '000.00.00.G22', to: ['999.99.99.Z99'] }));
    expect(unknown.details?.errorCode).toBe('404');
    expect(sim.simulator.state.packages.size).toBe(0);
  });
});

describe('VXP simulator: signature checks', () => {
  it('answers 401 {status FAIL, ErrorCode 401} to a wrong secret or an unknown system', async () => {
    const wrong = await rejection(client('sys.a', 'secret-b').getAgenciesList());
    expect([wrong.code, wrong.kind, wrong.retryable]).toEqual(['LT_VXP_AUTH', 'auth', false]);
    expect(wrong.message).toContain('LT_VXP_SIGNATURE_INVALID');
    expect((await rejection(client('sys.z', 'secret-a').getAgenciesList())).message).toContain(
      'LT_VXP_UNKNOWN_SYSTEM',
    );
  });

  it('refuses a changed signed header, and a body that does not match hash-file', async () => {
    const entries = sdkEntries('getEdoc', '{"docId":"x"}', {
      systemId: 'sys.a',
      timestamp: vxpTimestamp(new Date()),
    });
    const headers = Object.fromEntries(signHeaders(entries, 'secret-a').headers);
    const tampered = await axios.post(`${sim.url}/getEdoc`, '{}', {
      headers: { ...headers, 'XroadVnpt-docId': 'y' },
      validateStatus: () => true,
    });
    expect(tampered.status).toBe(401);
    expect(tampered.data).toMatchObject({ status: 'FAIL', ErrorCode: '401' });
    expect(tampered.data.ErrorDesc).toContain('LT_VXP_SIGNATURE_INVALID');

    const upload = sdkEntries(
      'sendEdoc',
      '{"from":"000.00.00.G22","servicetype":"eDoc","messagetype":"edoc"}',
      {
        systemId: 'sys.a',
        timestamp: vxpTimestamp(new Date()),
        fileHash: 'abc',
      },
    );
    const mismatch = await axios.post(`${sim.url}/sendEdoc`, Buffer.concat([STATUS, Buffer.from('\r\n')]), {
      headers: Object.fromEntries(signHeaders(upload, 'secret-a').headers),
    });
    expect(mismatch.data).toMatchObject({ status: 'FAIL', ErrorCode: '400' });
  });

  it('checks signed timestamps only when a tolerance is configured', async () => {
    const lastYear = () => new Date(Date.now() - 365 * 86_400_000);
    expect((await client('sys.a', 'secret-a', lastYear).getAgenciesList()).agencies.length).toBeGreaterThan(
      0,
    );
    await sim.close();
    sim = await startVxpSimulator({ systems: SYSTEMS, timestampToleranceMs: 300_000 });
    const stale = await rejection(client('sys.a', 'secret-a', lastYear).getAgenciesList());
    expect(stale.message).toContain('LT_VXP_SIGNATURE_STALE');
    expect((await client('sys.a', 'secret-a').getAgenciesListQD20()).agencies[0].code102).toBe(
      '000.00.00.G22',
    );
  });
});

describe('VXP simulator: control routes and faults', () => {
  it('plants a raw (even hostile) package for a recipient, as if another system sent it', async () => {
    const hostile = Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><edXML>&e;</edXML>');
    const planted = await axios.post(`${sim.url}/_sim/inject?to=000.00.00.G17&from=000.00.00.G22`, hostile, {
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    const c = client('sys.c', 'secret-c');
    const [item] = (await c.getReceivedEdocList({ messagetype: 'edoc' })).items;
    expect(item.docId).toBe(planted.data.deliveries[0].docId);
    expect((await c.getEdoc(item.docId)).edxml.equals(hostile)).toBe(true);
    // Without `to`, the recipients would have to be read from the package, which is refused safely.
    const unreadable = await axios.post(`${sim.url}/_sim/inject`, hostile, { validateStatus: () => true });
    expect([unreadable.status, unreadable.data.code]).toEqual([400, 'LT_VXP_SIM_INJECT']);
    expect(unreadable.data.detail).toContain('LT_XML_DOCTYPE_FORBIDDEN');
  });

  it('fails on demand: outage 503, injected 5xx, and heals', async () => {
    const a = client('sys.a', 'secret-a');
    await axios.post(`${sim.url}/_faults`, { outage: true });
    expect((await rejection(a.getAgenciesList())).code).toBe('LT_VXP_UNAVAILABLE');
    await axios.post(`${sim.url}/_faults`, { errorRate: 1, seed: 3 });
    const failed = await rejection(a.sendEdoc(STATUS, { from: '000.00.00.G22', to: ['000.00.00.G17'] }));
    expect(failed.retryable).toBe(true);
    expect(sim.simulator.state.packages.size).toBe(0);
    await axios.post(`${sim.url}/_faults`, {});
    expect((await a.getAgenciesList()).agencies.map((x) => x.code)).toContain('000.00.00.G17');
    const state = (await axios.get(`${sim.url}/_sim/state`)).data;
    expect(state.faulted).toMatchObject({ outage: 1, error: 1 });
    const bad = await axios.post(`${sim.url}/_faults`, { nope: 1 }, { validateStatus: () => true });
    expect([bad.status, bad.data.code]).toEqual([400, 'LT_VXP_SIM_FAULTS']);
  });
});
