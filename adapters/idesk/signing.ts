import { createHash } from 'node:crypto';
import { hmacDigest, matchingSecret } from '../../src/trust/hmac';
import { vxpSignatureError, VxpSignatureReasons } from './errors';
import { javaHashMapOrder } from './java-hashmap';
import { gsonAsString, gsonQuote, gsonToJson, parseSdkArgument } from './sdk-json';

/**
 * Request signing of the VXP axis, byte for byte as the official SDKVXP 2.0.1 does it (captured on the
 * wire: `vxp-sdk-wire-capture.md`): a header map in Java HashMap order, each entry sent as
 * `XroadVnpt-<key>`, the keys listed in `XroadVnpt-sign-header-key`, the entries as Gson JSON in
 * `XroadVnpt-sign-header`, and `XroadVnpt-hash-header` = hex HMAC-SHA256 of that JSON string with the
 * secret as UTF-8. Body, path and method are not signed; the sendEdoc file is covered only by `hash-file`.
 */

export const VXP_HEADER_PREFIX = 'XroadVnpt-';
export const VXP_USER_AGENT = 'JAVASDKAgent/1.0.0 XRoad/VPCP';
export const VXP_VERSION = '3.0.201608';

/** The axis calls this client makes; each is `POST <endpoint>/<call>`. */
export type VxpCall =
  'sendEdoc' | 'getReceivedEdocList' | 'getEdoc' | 'updateStatus' | 'getAgenciesList' | 'getAgenciesListQD20';

/** The signing block as the SDK emits it, and its three computed values. */
export interface SignedHeaders {
  signHeaderKey: string;
  signHeader: string;
  hashHeader: string;
  /** In emit order: `[Content-Type,] XroadVnpt-<k>…, sign-header-key, sign-header, hash-header, User-Agent, version`. */
  headers: Array<[string, string]>;
}

/** Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact for any real date. */
const ICT_OFFSET_MS = 7 * 3600 * 1000;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * `SimpleDateFormat("ddMMyyyy'T'HHmmss+SSSS")` in Asia/Ho_Chi_Minh: the `+` is a literal and `SSSS` the
 * milliseconds padded to four digits (`0028`), not a UTC offset.
 */
export function vxpTimestamp(date: Date): string {
  const d = new Date(date.getTime() + ICT_OFFSET_MS);
  return (
    pad(d.getUTCDate(), 2) +
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCFullYear(), 4) +
    'T' +
    pad(d.getUTCHours(), 2) +
    pad(d.getUTCMinutes(), 2) +
    pad(d.getUTCSeconds(), 2) +
    '+' +
    pad(d.getUTCMilliseconds(), 4)
  );
}

/** Epoch milliseconds of a {@link vxpTimestamp}, or undefined when it is not exactly that form. */
export function parseVxpTimestamp(text: string): number | undefined {
  const m = /^(\d{2})(\d{2})(\d{4})T(\d{2})(\d{2})(\d{2})\+(\d{4})$/.exec(text);
  if (!m) return undefined;
  const [dd, mm, yyyy, hh, mi, ss, ms] = m.slice(1).map(Number);
  const at = Date.UTC(yyyy, mm - 1, dd, hh, mi, ss, ms) - ICT_OFFSET_MS;
  // Date.UTC rolls 32/13/… over; a round trip refuses them.
  return vxpTimestamp(new Date(at)) === text ? at : undefined;
}

/** The SDK's `hash-file`: SHA-256 hex with each byte as `Integer.toHexString(b & 0xff)`, i.e. NOT zero-padded. */
export function sdkFileHash(bytes: Uint8Array): string {
  return [...createHash('sha256').update(bytes).digest()].map((b) => b.toString(16)).join('');
}

/** Hex HMAC-SHA256 of the sign-header bytes (UTF-8 when a string) with the secret as UTF-8. */
export function vxpHmac(signHeader: string | Buffer, secret: string): string {
  return hmacDigest('sha256', secret, signHeader).toString('hex');
}

/** The real `Content-Type` the SDK sets (and signs) for a call. */
export function vxpContentType(call: VxpCall): string {
  return call === 'sendEdoc' ? 'application/octet-stream' : 'application/json';
}

/**
 * The puts one SDK call makes into its header map, in order: `Content-Type`, each top-level member of the
 * JSON argument (`getAsString()`; in sendEdoc `to` as compact JSON), then `hash-file` for sendEdoc.
 */
export function sdkCallEntries(
  call: VxpCall,
  jsonArgument: string,
  fileHash?: string,
): Array<[string, string]> {
  const entries: Array<[string, string]> = [['Content-Type', vxpContentType(call)]];
  for (const [key, value] of parseSdkArgument(jsonArgument)) {
    entries.push([key, call === 'sendEdoc' && key === 'to' ? gsonToJson(value) : gsonAsString(value)]);
  }
  if (call === 'sendEdoc') {
    if (fileHash === undefined) throw new Error('sdkCallEntries: sendEdoc needs the file hash');
    entries.push(['hash-file', fileHash]);
  }
  return entries;
}

/**
 * The map insertion order of one call on a fresh SDK service object: `timestamp` and `systemid` (put by the
 * constructor), then {@link sdkCallEntries}. A reused SDK object keeps earlier calls' entries; replay that
 * by concatenating the calls' entries after the constructor's two.
 */
export function sdkEntries(
  call: VxpCall,
  jsonArgument: string,
  options: { systemId: string; timestamp: string; fileHash?: string },
): Array<[string, string]> {
  return [
    ['timestamp', options.timestamp],
    ['systemid', options.systemId],
    ...sdkCallEntries(call, jsonArgument, options.fileHash),
  ];
}

/** Signs a header map given in insertion order (re-puts allowed) exactly as `VnptService.addXroadVnptHashHeader`. */
export function signHeaders(
  entries: ReadonlyArray<readonly [string, string]>,
  secret: string,
): SignedHeaders {
  const ordered = javaHashMapOrder(entries);
  const signHeaderKey = ordered.map(([k]) => k).join(';');
  const signHeader = `{${ordered.map(([k, v]) => `${gsonQuote(VXP_HEADER_PREFIX + k)}:${gsonQuote(v)}`).join(',')}}`;
  const hashHeader = vxpHmac(signHeader, secret);
  const headers: Array<[string, string]> = [];
  for (const [k, v] of ordered) {
    if (k === 'Content-Type') headers.push([k, v]);
    headers.push([VXP_HEADER_PREFIX + k, v]);
  }
  headers.push(
    [`${VXP_HEADER_PREFIX}sign-header-key`, signHeaderKey],
    [`${VXP_HEADER_PREFIX}sign-header`, signHeader],
    [`${VXP_HEADER_PREFIX}hash-header`, hashHeader],
    ['User-Agent', VXP_USER_AGENT],
    [`${VXP_HEADER_PREFIX}version`, VXP_VERSION],
  );
  return { signHeaderKey, signHeader, hashHeader, headers };
}

/** Headers as Node's HTTP server gives them (lower-case names) or as raw `[name, value]` pairs. */
export type VxpHeaderInput =
  Readonly<Record<string, string | string[] | undefined>> | ReadonlyArray<readonly [string, string]>;

/** What a verified request signed. */
export interface VerifiedVxpRequest {
  systemId: string;
  /** Signed entries by their key as signed (`docId` and `docid` are different keys), values decoded as UTF-8. */
  params: ReadonlyMap<string, string>;
  /** The keys of `XroadVnpt-sign-header-key`, in the order received. */
  signedKeys: string[];
}

export interface VerifyOptions {
  /** The clock for the timestamp check. @defaultValue Date.now */
  now?: () => number;
  /**
   * Largest accepted distance between the signed timestamp and now. @defaultValue undefined (not checked):
   * the real SDK freezes the timestamp when its service object is built, so long-lived production clients
   * send stale timestamps, and the axis evidently accepts them.
   */
  toleranceMs?: number;
}

const SIGNING_NAMES = ['sign-header-key', 'sign-header', 'hash-header', 'version'];
const SIGNING_HEADERS = new Set(SIGNING_NAMES.map((n) => `xroadvnpt-${n}`));

/**
 * Checks an incoming signed request the way the real axis presumably does (inference: its code is not
 * public): the sign-header is a flat JSON object whose keys are exactly `XroadVnpt-` + each name of
 * sign-header-key, in any order (JDK 7 and JDK 8 SDKs order them differently, and reused SDK objects sign
 * extra leaked keys); the HMAC over the received sign-header bytes matches one of the system's active
 * secrets (constant time); every `XroadVnpt-<k>` header present equals its signed value, and no unsigned
 * `XroadVnpt-*` header is present; the timestamp only when `toleranceMs` is set. Header values are taken
 * as Node delivers them, one character per received byte. Throws LtError `LT_VXP_SIGNATURE_*` or
 * `LT_VXP_UNKNOWN_SYSTEM` (kind `auth`).
 */
export function verifySignedRequest(
  input: VxpHeaderInput,
  secretsFor: (systemId: string) => readonly string[],
  options: VerifyOptions = {},
): VerifiedVxpRequest {
  const headers = headerLists(input);
  const one = (name: string): string | undefined => {
    const values = headers.get(name);
    if (values && values.length > 1) throw malformed(`${name} sent ${values.length} times`);
    return values?.[0];
  };
  const keyList = one('xroadvnpt-sign-header-key');
  const signHeader = one('xroadvnpt-sign-header');
  const hashHeader = one('xroadvnpt-hash-header');
  if (keyList === undefined || signHeader === undefined || hashHeader === undefined)
    throw vxpSignatureError(
      VxpSignatureReasons.missing,
      'XroadVnpt-sign-header-key, -sign-header and -hash-header are required',
    );
  const signedKeys = keyList.split(';');
  const members = parseFlatObject(utf8(signHeader));
  checkKeys(signedKeys, members);
  const params = new Map(signedKeys.map((k) => [k, members.get(VXP_HEADER_PREFIX + k) as string]));
  const systemId = params.get('systemid');
  if (!systemId) throw malformed('systemid is not signed');
  const secrets = secretsFor(systemId);
  if (secrets.length === 0)
    throw vxpSignatureError(
      VxpSignatureReasons.unknownSystem,
      `unknown systemid ${JSON.stringify(systemId)}`,
    );
  if (!/^[0-9a-fA-F]{64}$/.test(hashHeader)) throw malformed('hash-header is not 64 hex digits');
  const received = Buffer.from(hashHeader, 'hex');
  const signed = bytes(signHeader);
  const matched =
    matchingSecret(received, secrets, (secret) => Buffer.from(vxpHmac(signed, secret), 'hex')) >= 0;
  if (!matched) throw vxpSignatureError(VxpSignatureReasons.invalid, 'hash-header does not match');
  checkHeadersAgree(headers, params);
  if (options.toleranceMs !== undefined) checkFresh(params.get('timestamp'), options);
  return { systemId, params, signedKeys };
}

function malformed(detail: string): Error {
  return vxpSignatureError(VxpSignatureReasons.malformed, detail);
}

/** A received header value as bytes: one char per byte when Node decoded it, UTF-8 for wider strings. */
function bytes(value: string): Buffer {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/.test(value) ? Buffer.from(value, 'utf8') : Buffer.from(value, 'latin1');
}

function utf8(value: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes(value));
  } catch {
    throw malformed('sign-header is not UTF-8');
  }
}

function headerLists(input: VxpHeaderInput): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string, value: string): void => {
    const key = name.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), value]);
  };
  if (Array.isArray(input)) for (const [name, value] of input as Array<[string, string]>) add(name, value);
  else
    for (const [name, value] of Object.entries(input as Record<string, string | string[] | undefined>)) {
      if (typeof value === 'string') add(name, value);
      else for (const v of value ?? []) add(name, v);
    }
  return out;
}

const STRING = String.raw`"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"`;
const MEMBER = new RegExp(String.raw`\s*(${STRING})\s*:\s*(${STRING})\s*([,}])`, 'y');

/** A JSON object of string members only, refusing repeated keys (which would make "the signed value" ambiguous). */
function parseFlatObject(text: string): Map<string, string> {
  const members = new Map<string, string>();
  const open = /^\s*\{\s*/.exec(text);
  if (!open) throw malformed('sign-header is not a JSON object');
  if (/^\s*\{\s*\}\s*$/.test(text)) return members;
  MEMBER.lastIndex = open[0].length;
  for (;;) {
    const m = MEMBER.exec(text);
    if (!m) throw malformed('sign-header is not a JSON object of strings');
    const key = JSON.parse(m[1]) as string;
    if (members.has(key)) throw malformed(`sign-header repeats ${key}`);
    members.set(key, JSON.parse(m[2]) as string);
    if (m[3] === '}') break;
  }
  if (text.slice(MEMBER.lastIndex).trim() !== '') throw malformed('sign-header has trailing characters');
  return members;
}

function checkKeys(signedKeys: string[], members: Map<string, string>): void {
  const seen = new Set<string>();
  for (const key of signedKeys) {
    if (key === '' || seen.has(key)) throw malformed(`sign-header-key has an empty or repeated key`);
    if (SIGNING_NAMES.includes(key.toLowerCase())) throw malformed(`sign-header-key names ${key}`);
    if (!members.has(VXP_HEADER_PREFIX + key)) throw malformed(`${key} is listed but not in sign-header`);
    seen.add(key);
  }
  if (members.size !== seen.size) throw malformed('sign-header has keys that sign-header-key does not list');
}

/**
 * Every `XroadVnpt-<k>` header present must carry its signed value. HTTP names ignore case, so `docId` and
 * `docid` (both signed by reused SDK objects) share one header: compared as a set, or as Node joins them.
 */
function checkHeadersAgree(headers: Map<string, string[]>, params: ReadonlyMap<string, string>): void {
  const signedByHeader = new Map<string, string[]>();
  for (const [k, v] of params) {
    const name = `xroadvnpt-${k.toLowerCase()}`;
    signedByHeader.set(name, [
      ...(signedByHeader.get(name) ?? []),
      Buffer.from(v, 'utf8').toString('latin1'),
    ]);
  }
  for (const [name, values] of headers) {
    if (!name.startsWith('xroadvnpt-') || SIGNING_HEADERS.has(name)) continue;
    const signed = signedByHeader.get(name);
    if (!signed) throw malformed(`${name} is sent but not signed`);
    const got = values.map((v) => bytes(v).toString('latin1'));
    const same =
      got.length === signed.length
        ? [...got].sort().join('\n') === [...signed].sort().join('\n')
        : got.length === 1 && got[0] === signed.join(', ');
    if (!same) throw vxpSignatureError(VxpSignatureReasons.invalid, `${name} differs from its signed value`);
  }
}

function checkFresh(timestamp: string | undefined, options: VerifyOptions): void {
  const at = timestamp === undefined ? undefined : parseVxpTimestamp(timestamp);
  if (at === undefined) throw malformed('timestamp is not signed as ddMMyyyyTHHmmss+SSSS');
  const now = (options.now ?? Date.now)();
  if (Math.abs(now - at) > (options.toleranceMs as number))
    throw vxpSignatureError(
      VxpSignatureReasons.stale,
      `timestamp ${timestamp} is outside the accepted window`,
    );
}
