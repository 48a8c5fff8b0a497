import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { specSample } from '../../test/vectors';
import type { LtError } from '../../src/errors';
import { JavaHashMap, javaHashMapOrder, javaSpreadHash, javaStringHash } from './java-hashmap';
import { gsonToJson, parseSdkArgument } from './sdk-json';
import {
  parseVxpTimestamp,
  sdkCallEntries,
  sdkEntries,
  sdkFileHash,
  signHeaders,
  verifySignedRequest,
  vxpTimestamp,
} from './signing';
import type { VxpCall } from './signing';

interface Vector {
  capture: string;
  call: VxpCall;
  sdkJsonArgument: string;
  uploadedFile: string | null;
  secret: string;
  mapInsertionOrder: Array<[string, string]>;
  expected: {
    signHeaderKey: string;
    signHeader: string;
    hashHeader: string;
    signingHeadersInEmitOrder: Array<[string, string]>;
  };
}

const CAPTURE = specSample('vxp-capture');
const VECTORS = (
  JSON.parse(fs.readFileSync(path.join(CAPTURE, 'test-vectors.json'), 'utf8')) as { vectors: Vector[] }
).vectors;
const SYSTEM = 'vxp.saas.01';
const SECRET = 'test-secret-123';
const secretsFor = (id: string): string[] => (id === SYSTEM ? [SECRET] : []);
/** The edoc.edxml bodies had a private person's certificate removed (REDACTION.md): hash-file predates that. */
const REDACTED_BODIES = new Set(['fresh/01_sendEdoc', 'shared/01_sendEdoc']);

/** A `.raw` capture: header pairs decoded one char per byte (as Node's HTTP parser does) and the body. */
function readRaw(capture: string): { headers: Array<[string, string]>; body: Buffer } {
  const raw = fs.readFileSync(path.join(CAPTURE, `${capture}.raw`));
  const split = raw.indexOf('\r\n\r\n');
  const lines = raw.subarray(0, split).toString('latin1').split('\r\n').slice(1);
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  return { headers, body: raw.subarray(split + 4) };
}

/** The file the SDK uploaded: the body without the CRLF the SDK appends. */
function uploadedFile(body: Buffer): Buffer {
  expect(body.subarray(-2).toString('latin1')).toBe('\r\n');
  return body.subarray(0, -2);
}

/**
 * The insertion order built from the vector's inputs alone. The `shared` run reused one service object, so
 * its map holds every earlier call's entries too (its 05 is a separate AgencyServiceImp).
 */
function ownEntries(v: Vector): Array<[string, string]> {
  const timestamp = v.mapInsertionOrder[0][1];
  const fileHash = (w: Vector): string | undefined =>
    w.call === 'sendEdoc' ? w.mapInsertionOrder.find(([k]) => k === 'hash-file')?.[1] : undefined;
  if (!v.capture.startsWith('shared/') || v.call === 'getAgenciesList')
    return sdkEntries(v.call, v.sdkJsonArgument, { systemId: SYSTEM, timestamp, fileHash: fileHash(v) });
  const run = VECTORS.filter((w) => w.capture.startsWith('shared/') && w.capture <= v.capture);
  return [
    ['timestamp', timestamp],
    ['systemid', SYSTEM],
    ...run.flatMap((w) => sdkCallEntries(w.call, w.sdkJsonArgument, fileHash(w))),
  ];
}

/** What each SDK transport put on the wire for a header value: HttpClient writes each char's low byte. */
function onTheWire(value: string, call: VxpCall): string {
  if (call === 'sendEdoc') return Buffer.from(value, 'utf8').toString('latin1');
  return [...value].map((c) => String.fromCharCode(c.charCodeAt(0) & 0xff)).join('');
}

function refusal(fn: () => unknown): LtError {
  try {
    fn();
  } catch (err) {
    return err as LtError;
  }
  throw new Error('expected a refusal');
}

let reproduced = 0;
let verified = 0;
let hashFiles = 0;

afterAll(() => {
  console.log(
    `vxp signing vectors: ${reproduced} of ${VECTORS.length} reproduced byte for byte; ` +
      `${verified} of ${VECTORS.length} captures verified as expected; ${hashFiles} hash-file from captured bodies`,
  );
});

it('has the 14 captured vectors', () => {
  expect(VECTORS).toHaveLength(14);
});

describe.each(VECTORS.map((v) => [v.capture, v] as const))('vector %s', (capture, v) => {
  const raw = readRaw(capture);

  it('reproduces the insertion order, key list, canonical JSON, HMAC and emitted headers', () => {
    const entries = ownEntries(v);
    // The vectors leave out re-puts of an unchanged value (shared/03, 04), which change nothing in the map.
    expect(javaHashMapOrder(entries)).toEqual(javaHashMapOrder(v.mapInsertionOrder));
    expect(signHeaders(v.mapInsertionOrder, v.secret)).toEqual(signHeaders(entries, v.secret));
    const signed = signHeaders(entries, v.secret);
    expect(signed.signHeaderKey).toBe(v.expected.signHeaderKey);
    expect(signed.signHeader).toBe(v.expected.signHeader);
    expect(signed.hashHeader).toBe(v.expected.hashHeader);
    expect(signed.headers).toEqual(v.expected.signingHeadersInEmitOrder);
    const sdkHeader = ([name]: [string, string]): boolean => /^(XroadVnpt-|User-Agent$)/.test(name);
    expect(raw.headers.filter(sdkHeader)).toEqual(
      signed.headers.filter(sdkHeader).map(([n, value]): [string, string] => [n, onTheWire(value, v.call)]),
    );
    expect(raw.headers.find(([n]) => n === 'Content-Type')?.[1]).toBe(
      v.call === 'sendEdoc' ? 'application/octet-stream' : 'application/json',
    );
    reproduced += 1;
  });

  if (v.call === 'sendEdoc') {
    it('signs the unpadded SHA-256 of the uploaded file as hash-file', () => {
      const hashFile = v.mapInsertionOrder.find(([k]) => k === 'hash-file')?.[1];
      const file = uploadedFile(raw.body);
      if (REDACTED_BODIES.has(capture)) {
        // The captured body is no longer the signed file; the certificate placeholder proves why.
        expect(file.toString('utf8')).toContain('[certificate removed');
        expect(sdkFileHash(file)).not.toBe(hashFile);
        return;
      }
      expect(sdkFileHash(file)).toBe(hashFile);
      hashFiles += 1;
    });
  }

  if (capture === 'edge/01_getReceivedEdocList') {
    it('is refused: HttpClient mangled "Văn" to "V\\x03n", so no server can verify it', () => {
      expect(refusal(() => verifySignedRequest(raw.headers, secretsFor)).kind).toBe('auth');
      verified += 1;
    });
    return;
  }

  it('verifies with the test secret and refuses a wrong secret or an unknown system', () => {
    const ok = verifySignedRequest(raw.headers, secretsFor);
    expect(ok.systemId).toBe(SYSTEM);
    expect(ok.signedKeys.join(';')).toBe(v.expected.signHeaderKey);
    expect(Object.fromEntries(ok.params)).toEqual(Object.fromEntries(javaHashMapOrder(v.mapInsertionOrder)));
    expect(verifySignedRequest(raw.headers, () => ['other', SECRET]).systemId).toBe(SYSTEM);
    expect(refusal(() => verifySignedRequest(raw.headers, () => ['test-secret-124'])).code).toBe(
      'LT_VXP_SIGNATURE_INVALID',
    );
    expect(refusal(() => verifySignedRequest(raw.headers, () => [])).code).toBe('LT_VXP_UNKNOWN_SYSTEM');
    verified += 1;
  });

  it('refuses a one-character change of any signed header, of the key list and of the HMAC', () => {
    const names = raw.headers
      .map(([n]) => n)
      .filter((n) => n.startsWith('XroadVnpt-') && n !== 'XroadVnpt-version');
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) {
      const tampered = raw.headers.map(([n, value]): [string, string] => {
        if (n !== name) return [n, value];
        // The last character of the value (in sign-header, the last character of the last value).
        const at = name === 'XroadVnpt-sign-header' ? value.length - 3 : value.length - 1;
        const swapped = value[at] === 'a' ? 'b' : 'a';
        return [n, value.slice(0, at) + swapped + value.slice(at + 1)];
      });
      const err = refusal(() => verifySignedRequest(tampered, secretsFor));
      const expected =
        name === 'XroadVnpt-sign-header-key' ? 'LT_VXP_SIGNATURE_MALFORMED' : 'LT_VXP_SIGNATURE_INVALID';
      expect([name, err.code]).toEqual([name, expected]);
    }
  });
});

describe('verifySignedRequest beyond the captures', () => {
  const base = (): Array<[string, string]> =>
    signHeaders(
      sdkEntries('getEdoc', '{"docId":"d-1"}', {
        systemId: SYSTEM,
        timestamp: vxpTimestamp(new Date(1_700_000_000_000)),
      }),
      SECRET,
    ).headers;

  it('accepts any key order (JDK 7 SDKs order the map differently)', () => {
    const entries = sdkEntries('getEdoc', '{"docId":"d-1"}', {
      systemId: SYSTEM,
      timestamp: '01012026T000000+0000',
    });
    const keys = entries.map(([k]) => k).reverse();
    const signHeader = `{${keys.map((k) => `"XroadVnpt-${k}":${JSON.stringify(Object.fromEntries(entries)[k])}`).join(',')}}`;
    const { headers } = signHeaders(entries, SECRET);
    const reordered = headers.map(([n, value]): [string, string] => {
      if (n === 'XroadVnpt-sign-header-key') return [n, keys.join(';')];
      if (n === 'XroadVnpt-sign-header') return [n, signHeader];
      if (n === 'XroadVnpt-hash-header')
        return [n, createHmac('sha256', SECRET).update(signHeader).digest('hex')];
      return [n, value];
    });
    expect(verifySignedRequest(reordered, secretsFor).params.get('docId')).toBe('d-1');
  });

  it('accepts Node-style lower-case header records', () => {
    const record = Object.fromEntries(base().map(([n, v]) => [n.toLowerCase(), v]));
    expect(verifySignedRequest(record, secretsFor).systemId).toBe(SYSTEM);
  });

  it('refuses missing signing headers, unsigned XroadVnpt headers and repeated ones', () => {
    const without = base().filter(([n]) => n !== 'XroadVnpt-hash-header');
    expect(refusal(() => verifySignedRequest(without, secretsFor)).code).toBe('LT_VXP_SIGNATURE_MISSING');
    const extra: Array<[string, string]> = [...base(), ['XroadVnpt-to', '[{"code":"x"}]']];
    expect(refusal(() => verifySignedRequest(extra, secretsFor)).code).toBe('LT_VXP_SIGNATURE_MALFORMED');
    const twice: Array<[string, string]> = [...base(), base().find(([n]) => n === 'XroadVnpt-sign-header')!];
    expect(refusal(() => verifySignedRequest(twice, secretsFor)).code).toBe('LT_VXP_SIGNATURE_MALFORMED');
  });

  it('checks the timestamp only when a tolerance is configured', () => {
    const signedAt = 1_700_000_000_000;
    expect(verifySignedRequest(base(), secretsFor, { now: () => signedAt + 86_400_000 }).systemId).toBe(
      SYSTEM,
    );
    const opts = { toleranceMs: 300_000 };
    expect(verifySignedRequest(base(), secretsFor, { ...opts, now: () => signedAt + 299_000 }).systemId).toBe(
      SYSTEM,
    );
    const stale = refusal(() =>
      verifySignedRequest(base(), secretsFor, { ...opts, now: () => signedAt + 301_000 }),
    );
    expect(stale.code).toBe('LT_VXP_SIGNATURE_STALE');
    expect(stale.kind).toBe('auth');
  });
});

describe('JDK 8 HashMap emulation', () => {
  it('puts the known keys in the buckets the capture documents (capacity 16)', () => {
    const buckets = {
      systemid: 2,
      servicetype: 2,
      messagetype: 5,
      level: 5,
      'hash-file': 6,
      docId: 6,
      docid: 6,
      filePath: 7,
      AgencyCode: 9,
      from: 10,
      to: 11,
      timestamp: 15,
      'Content-Type': 15,
      status: 15,
    };
    for (const [key, bucket] of Object.entries(buckets))
      expect([key, javaSpreadHash(key) & 15]).toEqual([key, bucket]);
    // Checked against OpenJDK 17: "systemid".hashCode().
    expect(javaStringHash('systemid')).toBe(1976086410);
  });

  it('after growing, iterates by bucket of the final capacity, insertion order inside a bucket', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `key-${(i * 7919) % 101}`);
    const order = javaHashMapOrder(keys.map((k) => [k, k])).map(([k]) => k);
    const byBucket = keys
      .map((k, i) => ({ k, i, b: javaSpreadHash(k) & 63 }))
      .sort((a, b) => a.b - b.b || a.i - b.i)
      .map((e) => e.k);
    expect(order).toEqual(byBucket);
  });

  it('resizes instead of treeifying a long bin below 64 buckets, and refuses real tree bins', () => {
    // "Aa" and "BB" share a hash code, so all their concatenations collide.
    const colliding = Array.from({ length: 16 }, (_, i) =>
      [8, 4, 2, 1].map((bit) => (i & bit ? 'BB' : 'Aa')).join(''),
    );
    const map = new JavaHashMap();
    for (const k of colliding.slice(0, 10)) map.put(k, k);
    expect(map.entries().map(([k]) => k)).toEqual(colliding.slice(0, 10));
    expect(() => map.put(colliding[10], 'x')).toThrow(/tree bins/);
  });

  it('keeps the first slot of a re-put key', () => {
    // status and timestamp share bucket 15: status stays ahead of timestamp after its re-put.
    expect(
      javaHashMapOrder([
        ['status', 'a'],
        ['timestamp', 't'],
        ['status', 'b'],
      ]),
    ).toEqual([
      ['status', 'b'],
      ['timestamp', 't'],
    ]);
  });
});

describe('SDK argument reading (Gson lenient)', () => {
  it('keeps number and boolean text, unquoted strings, and the first slot of a repeated key', () => {
    const members = parseSdkArgument(`{"num":1.50,"flag":true,"docId":8af2-c8,'q':'x',"num":7}`);
    expect([...members.keys()]).toEqual(['num', 'flag', 'docId', 'q']);
    expect(sdkCallEntries('getEdoc', `{"num":1.50,"flag":true,"docId":8af2-c8,"n":7}`)).toEqual([
      ['Content-Type', 'application/json'],
      ['num', '1.50'],
      ['flag', 'true'],
      ['docId', '8af2-c8'],
      ['n', '7'],
    ]);
  });

  it('writes sendEdoc `to` as compact JSON and refuses objects elsewhere', () => {
    const to = parseSdkArgument('{"to": [ {"code" : "A\u2028"} , {"n": 1e3} ]}').get('to')!;
    expect(gsonToJson(to)).toBe('[{"code":"A\\u2028"},{"n":1e3}]');
    expect(() => sdkCallEntries('getEdoc', '{"x":{"a":"b"}}')).toThrow(/getAsString/);
    expect(() => sdkCallEntries('sendEdoc', '{"from":"a"}')).toThrow(/file hash/);
  });
});

describe('timestamps and file hashes', () => {
  it('formats ddMMyyyyTHHmmss+SSSS in Asia/Ho_Chi_Minh with milliseconds on four digits', () => {
    const at = Date.UTC(2026, 10, 22, 17, 24, 52, 28);
    expect(vxpTimestamp(new Date(at))).toBe('23112026T002452+0028');
    expect(parseVxpTimestamp('23112026T002452+0028')).toBe(at);
    expect(parseVxpTimestamp('32112026T002452+0028')).toBeUndefined();
    expect(parseVxpTimestamp('23112026T002452+1000')).toBeUndefined();
  });

  it('drops the leading zero of each byte below 0x10', () => {
    // SHA-256("abc") = ba7816bf 8f01cfea … : the 01 byte loses its zero.
    expect(sdkFileHash(Buffer.from('abc'))).toMatch(/^ba7816bf8f1cfea/);
  });
});
