import fs from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { specSample, vectorDir } from '../../test/vectors';
import type { LtError } from '../../src/errors';
import { VxpClient } from './client';
import type { VxpWireRecord } from './client';
import { parseVxpTimestamp } from './signing';

const BASE = 'http://vxp.example.gov.vn';
const CAPTURE = specSample('vxp-capture');
const VECTORS = (
  JSON.parse(fs.readFileSync(path.join(CAPTURE, 'test-vectors.json'), 'utf8')) as {
    vectors: Array<{ capture: string; expected: { signingHeadersInEmitOrder: Array<[string, string]> } }>;
  }
).vectors;
const STATUS_EDXML = fs.readFileSync(vectorDir('edxml', 'vpcp-sdk-example', 'resources', 'status.edxml'));

interface Seen {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The vector's signing block, and the body captured from the SDK. */
function capture(name: string): { headers: Array<[string, string]>; body: string; at: Date } {
  const vector = VECTORS.find((v) => v.capture === name)!;
  const raw = fs.readFileSync(path.join(CAPTURE, `${name}.raw`));
  const headers = vector.expected.signingHeadersInEmitOrder;
  const timestamp = headers.find(([n]) => n === 'XroadVnpt-timestamp')![1];
  return {
    headers,
    body: raw.subarray(raw.indexOf('\r\n\r\n') + 4).toString('utf8'),
    at: new Date(parseVxpTimestamp(timestamp)!),
  };
}

const open: VxpClient[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

function client(at = new Date()): VxpClient {
  const made = new VxpClient({
    endpoint: BASE,
    systemId: 'vxp.saas.01',
    secret: 'test-secret-123',
    now: () => at,
  });
  open.push(made);
  return made;
}

function answer(path: string, status: number, body: unknown, seen?: Seen[]): void {
  nock(BASE)
    .post(path)
    .reply(function (uri, requestBody) {
      const text = typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody);
      seen?.push({ path: uri, headers: this.req.headers, body: text });
      return [
        status,
        typeof body === 'string' ? body : JSON.stringify(body),
        { 'Content-Type': 'application/json' },
      ];
    });
}

/** Every signing header sent with exactly the SDK's value, and no other XroadVnpt-* header. */
function expectSdkHeaders(seen: Seen, expected: Array<[string, string]>): void {
  for (const [name, value] of expected)
    expect([name, seen.headers[name.toLowerCase()]]).toEqual([name, value]);
  const ours = Object.keys(seen.headers).filter((n) => n.startsWith('xroadvnpt-'));
  expect(ours.sort()).toEqual(
    expected
      .map(([n]) => n.toLowerCase())
      .filter((n) => n.startsWith('xroadvnpt-'))
      .sort(),
  );
  expect(seen.headers.expect).toBeUndefined();
}

async function rejection(promise: Promise<unknown>): Promise<LtError & { wire?: VxpWireRecord }> {
  try {
    await promise;
  } catch (err) {
    return err as LtError & { wire?: VxpWireRecord };
  }
  throw new Error('expected the call to fail');
}

const OK = { status: 'OK', ErrorCode: '0', ErrorDesc: '' };

describe('VxpClient: on the wire exactly as the SDK (captures fresh/02, 03, 05, 06, 07)', () => {
  it('sendEdoc: signed from/to/hash-file headers, octet-stream body = file + CRLF, DocId read', async () => {
    const sdk = capture('fresh/07_sendEdoc');
    const seen: Seen[] = [];
    answer('/sendEdoc', 200, { ...OK, DocId: 'doc-1' }, seen);
    const result = await client(sdk.at).sendEdoc(STATUS_EDXML, {
      from: '002.00.20.H13',
      to: ['000.00.00.G22', '000.00.12.H13'],
    });
    expect(result.docId).toBe('doc-1');
    expectSdkHeaders(seen[0], sdk.headers);
    expect(seen[0].headers['content-type']).toBe('application/octet-stream');
    expect(seen[0].headers['content-length']).toBe(String(STATUS_EDXML.length + 2));
    expect(seen[0].body).toBe(sdk.body);
    expect(result.wire).toEqual({
      method: 'POST',
      url: `${BASE}/sendEdoc`,
      contentType: 'application/octet-stream',
      headers: sdk.headers,
      body: Buffer.concat([STATUS_EDXML, Buffer.from('\r\n')]),
    });
  });

  it('getReceivedEdocList: empty body, items read', async () => {
    const sdk = capture('fresh/02_getReceivedEdocList');
    const seen: Seen[] = [];
    const item = {
      docId: 'r-1',
      serviceType: 'eDoc',
      messageType: 'edoc',
      created_time: '2026-11-23 00:24:52',
      updated_time: '2026-11-23 00:24:52',
      from: '000.00.00.G22',
      to: '002.00.20.H13',
      status: 'pending',
      status_desc: '',
    };
    answer('/getReceivedEdocList', 200, { ...OK, data: [item] }, seen);
    const result = await client(sdk.at).getReceivedEdocList({ messagetype: 'edoc' });
    expect(result.items).toEqual([item]);
    expectSdkHeaders(seen[0], sdk.headers);
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(seen[0].headers['content-length']).toBe('0');
    expect(seen[0].body).toBe('');
  });

  it('getEdoc: `{}` body, base64 data decoded', async () => {
    const sdk = capture('fresh/03_getEdoc');
    const seen: Seen[] = [];
    answer('/getEdoc', 200, { ...OK, data: STATUS_EDXML.toString('base64') }, seen);
    const result = await client(sdk.at).getEdoc('8af226c8-7cde-4fbe-88fe-e15a768b49cb');
    expect(result.edxml.equals(STATUS_EDXML)).toBe(true);
    expectSdkHeaders(seen[0], sdk.headers);
    expect(seen[0].body).toBe('{}');
    expect(seen[0].headers['content-length']).toBe('2');
    expect(result.wire.body.toString()).toBe('{}');
  });

  it('updateStatus: `{}` body, status and docId signed', async () => {
    const sdk = capture('fresh/06_updateStatus');
    const seen: Seen[] = [];
    answer('/updateStatus', 200, OK, seen);
    await client(sdk.at).updateStatus('8af226c8-7cde-4fbe-88fe-e15a768b49cb', 'done');
    expectSdkHeaders(seen[0], sdk.headers);
    expect(seen[0].body).toBe('{}');
  });

  it('getAgenciesList and getAgenciesListQD20: agencies read, code102 kept', async () => {
    const sdk = capture('fresh/05_getAgenciesList');
    const seen: Seen[] = [];
    const agency = {
      code: '000.00.00.G22',
      id: 1,
      mail: 'vpcp@example.gov.vn',
      name: 'VPCP',
      pid: 0,
      oldCode: 'G22',
    };
    answer('/getAgenciesList', 200, { ...OK, data: [agency] }, seen);
    answer('/getAgenciesListQD20', 200, { ...OK, data: [{ ...agency, code102: 'G22.102' }] }, seen);
    const vxp = client(sdk.at);
    expect((await vxp.getAgenciesList()).agencies).toEqual([agency]);
    expect((await vxp.getAgenciesListQD20()).agencies[0].code102).toBe('G22.102');
    expectSdkHeaders(seen[0], sdk.headers);
    expect(seen[1].path).toBe('/getAgenciesListQD20');
    expect(seen[1].body).toBe('');
  });

  it('signs a fresh timestamp per request (the SDK freezes it at construction)', async () => {
    const seen: Seen[] = [];
    answer('/getAgenciesList', 200, { ...OK, data: [] }, seen);
    answer('/getAgenciesList', 200, { ...OK, data: [] }, seen);
    let t = Date.UTC(2026, 0, 1, 0, 0, 0, 5);
    const vxp = new VxpClient({
      endpoint: `${BASE}/`,
      systemId: 's',
      secret: 'k',
      now: () => new Date((t += 1000)),
    });
    open.push(vxp);
    await vxp.getAgenciesList();
    await vxp.getAgenciesList();
    expect(seen.map((s) => s.headers['xroadvnpt-timestamp'])).toEqual([
      '01012026T070001+0005',
      '01012026T070002+0005',
    ]);
  });
});

describe('VxpClient: refusals and error classification', () => {
  it('refuses non-ASCII and control characters before sending', async () => {
    const err = await rejection(client().sendEdoc(STATUS_EDXML, { from: 'Văn-phòng' }));
    expect([err.code, err.kind, err.retryable]).toEqual(['LT_VXP_HEADER_NOT_ASCII', 'validation', false]);
    const crlf = await rejection(client().getEdoc('a\r\nX-Injected: 1'));
    expect(crlf.code).toBe('LT_VXP_HEADER_NOT_ASCII');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('ErrorCode other than "0" is a permanent rejection carrying what was sent', async () => {
    answer('/getEdoc', 200, { status: 'FAIL', ErrorCode: '404', ErrorDesc: 'Không tìm thấy văn bản' });
    const err = await rejection(client().getEdoc('missing'));
    expect([err.code, err.kind, err.retryable]).toEqual(['LT_VXP_REJECTED', 'permanent', false]);
    expect(err.details).toMatchObject({ call: 'getEdoc', errorCode: '404' });
    expect(err.wire?.url).toBe(`${BASE}/getEdoc`);
  });

  it.each([
    [401, 'LT_VXP_AUTH', 'auth', false],
    [403, 'LT_VXP_AUTH', 'auth', false],
    [400, 'LT_VXP_REJECTED', 'permanent', false],
    [404, 'LT_VXP_REJECTED', 'permanent', false],
    [408, 'LT_VXP_TIMEOUT', 'transient', true],
    [429, 'LT_VXP_RATE_LIMITED', 'rate_limited', true],
    [500, 'LT_VXP_SERVER_ERROR', 'transient', true],
    [502, 'LT_VXP_SERVER_ERROR', 'transient', true],
    [503, 'LT_VXP_UNAVAILABLE', 'transient', true],
  ])('HTTP %i is %s (%s)', async (status, code, kind, retryable) => {
    answer('/updateStatus', status, { status: 'FAIL', ErrorCode: '401', ErrorDesc: 'Sai chữ ký' });
    const err = await rejection(client().updateStatus('d', 'done'));
    expect([err.code, err.kind, err.retryable, err.details?.httpStatus]).toEqual([
      code,
      kind,
      retryable,
      status,
    ]);
    expect(err.wire?.headers.some(([n]) => n === 'XroadVnpt-hash-header')).toBe(true);
  });

  it('ErrorCode 401 in a 200 answer is an auth refusal', async () => {
    answer('/getReceivedEdocList', 200, { status: 'FAIL', ErrorCode: '401', ErrorDesc: 'Sai chữ ký' });
    expect((await rejection(client().getReceivedEdocList({ messagetype: 'status' }))).code).toBe(
      'LT_VXP_AUTH',
    );
  });

  it('a network failure is transient; an HTML page, a missing ErrorCode or DocId are unexpected answers', async () => {
    nock(BASE)
      .post('/getAgenciesList')
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:80'), { code: 'ECONNREFUSED' }));
    const refused = await rejection(client().getAgenciesList());
    expect([refused.code, refused.retryable]).toEqual(['LT_VXP_UNREACHABLE', true]);
    answer('/getAgenciesList', 200, '<html>maintenance</html>');
    expect((await rejection(client().getAgenciesList())).code).toBe('LT_VXP_UNEXPECTED_ANSWER');
    // The shape that made the SDK throw a NullPointerException (client-logs/sdk-stdout-minimal-response.log).
    answer('/sendEdoc', 200, { status: 'OK', ErrorDesc: '', docID: '123' });
    const noCode = await rejection(client().sendEdoc(STATUS_EDXML, { from: 'a' }));
    expect([noCode.code, noCode.retryable]).toEqual(['LT_VXP_UNEXPECTED_ANSWER', true]);
    answer('/sendEdoc', 200, { ...OK, docID: '123' });
    expect((await rejection(client().sendEdoc(STATUS_EDXML, { from: 'a' }))).code).toBe(
      'LT_VXP_UNEXPECTED_ANSWER',
    );
    answer('/getEdoc', 200, { ...OK, data: 'not*base64' });
    expect((await rejection(client().getEdoc('d'))).code).toBe('LT_VXP_UNEXPECTED_ANSWER');
  });

  it('a time limit or an abort is a transient timeout', async () => {
    nock(BASE).post('/getAgenciesList').delay(500).reply(200, OK);
    const slow = await rejection(client().getAgenciesList({ timeoutMs: 50 }));
    expect([slow.code, slow.retryable]).toEqual(['LT_VXP_TIMEOUT', true]);
    nock(BASE).post('/getAgenciesList').delay(500).reply(200, OK);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect((await rejection(client().getAgenciesList({ signal: controller.signal }))).code).toBe(
      'LT_VXP_TIMEOUT',
    );
  });
});
