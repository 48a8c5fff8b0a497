import type { WireRecord } from '../../src/adapter/contract';
import { createPartnerHttp, joinUrl, parseJsonBody } from '../../src/adapter/http-client';
import type { PartnerHttp } from '../../src/adapter/http-client';
import { classifyVxpError, vxpHeaderNotAscii, vxpRejected, vxpUnexpected } from './errors';
import { sdkEntries, sdkFileHash, signHeaders, vxpContentType, vxpTimestamp } from './signing';
import type { VxpCall } from './signing';
import { VXP_SERVICE_TYPE } from './wire';
import type { VxpAckStatus, VxpAgency, VxpAnswer, VxpMessageType, VxpReceivedItem } from './wire';

/**
 * Transport to the VXP axis, on the wire exactly like the official SDKVXP 2.0.1 (see `signing.ts`), minus
 * its defects: a fresh timestamp per request (the SDK freezes it), no header leaks between calls, no
 * `Expect: 100-continue`. Parameters travel only in signed `XroadVnpt-*` headers, never in the body.
 * Knows nothing of edXML; callers build and read the packages.
 */
export interface VxpClientOptions {
  /** Base URL of the axis, e.g. `http://vxpdungchung.vnpt.vn`; calls go to `<endpoint>/<call>`. */
  endpoint: string;
  /** Our `systemid` on the axis, e.g. `vxp.saas.01`. */
  systemId: string;
  /** The HMAC secret, used as its UTF-8 text (no base64 decoding, as the SDK does). */
  secret: string;
  /** The clock of the signed timestamps. @defaultValue () => new Date() */
  now?: () => Date;
  /** A shared HTTP client; one of our own (closed by {@link VxpClient.close}) when absent. */
  http?: PartnerHttp;
}

export interface VxpCallContext {
  /** @defaultValue 30000 */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What was sent, for the message log: a {@link WireRecord} plus the signed headers. */
export interface VxpWireRecord extends WireRecord {
  headers: Array<[string, string]>;
}

/** Every call's evidence: what was sent and what came back. */
export interface VxpExchange {
  wire: VxpWireRecord;
  response: { status: number; contentType?: string; body: Buffer };
}

const CRLF = Buffer.from('\r\n');
const EMPTY = Buffer.alloc(0);
/** The SDK sends `{}` as the body of these calls; the others go empty. */
const BRACES = Buffer.from('{}');
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export class VxpClient {
  private readonly partner: PartnerHttp;
  private readonly ownsHttp: boolean;
  private readonly now: () => Date;

  constructor(private readonly options: VxpClientOptions) {
    this.ownsHttp = options.http === undefined;
    this.partner = options.http ?? createPartnerHttp();
    this.now = options.now ?? (() => new Date());
  }

  close(): void {
    if (this.ownsHttp) this.partner.close();
  }

  /**
   * Uploads an edXML package (body = file bytes + CRLF, as the SDK sends it). Without `to` the axis
   * routes by the package's own To elements. Not idempotent: a retry after a lost answer sends it twice.
   */
  async sendEdoc(
    edxml: Buffer,
    params: { from: string; to?: string[]; messagetype?: VxpMessageType },
    ctx: VxpCallContext = {},
  ): Promise<VxpExchange & { docId: string }> {
    const argument = {
      from: params.from,
      ...(params.to && params.to.length > 0 ? { to: params.to.map((code) => ({ code })) } : {}),
      servicetype: VXP_SERVICE_TYPE,
      messagetype: params.messagetype ?? 'edoc',
    };
    const body = Buffer.concat([edxml, CRLF]);
    const result = await this.exchange('sendEdoc', argument, body, ctx, sdkFileHash(edxml));
    const docId = (result.answer as { DocId?: unknown }).DocId;
    if (typeof docId !== 'string' || docId === '')
      throw withWire(vxpUnexpected('sendEdoc', 'no DocId'), result);
    return { ...result.exchange, docId };
  }

  /** Documents or status messages waiting for our agencies (not yet acknowledged done). */
  async getReceivedEdocList(
    params: { messagetype: VxpMessageType },
    ctx: VxpCallContext = {},
  ): Promise<VxpExchange & { items: VxpReceivedItem[] }> {
    const argument = { servicetype: VXP_SERVICE_TYPE, messagetype: params.messagetype };
    const result = await this.exchange('getReceivedEdocList', argument, EMPTY, ctx);
    const items = listOf(result.answer, (i) => typeof i.docId === 'string');
    if (!items)
      throw withWire(vxpUnexpected('getReceivedEdocList', 'data is not a list of {docId,…}'), result);
    return { ...result.exchange, items: items as unknown as VxpReceivedItem[] };
  }

  /** One package's bytes (`data` is base64). `filePath` is sent because the SDK always sends it. */
  async getEdoc(docId: string, ctx: VxpCallContext = {}): Promise<VxpExchange & { edxml: Buffer }> {
    const result = await this.exchange('getEdoc', { filePath: 'xml', docId }, BRACES, ctx);
    const data = (result.answer as { data?: unknown }).data;
    if (typeof data !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(data))
      throw withWire(vxpUnexpected('getEdoc', 'data is not base64'), result);
    return { ...result.exchange, edxml: Buffer.from(data, 'base64') };
  }

  /** The receiver's acknowledgement of a pulled document. */
  async updateStatus(docId: string, status: VxpAckStatus, ctx: VxpCallContext = {}): Promise<VxpExchange> {
    return (await this.exchange('updateStatus', { status, docId }, BRACES, ctx)).exchange;
  }

  async getAgenciesList(ctx: VxpCallContext = {}): Promise<VxpExchange & { agencies: VxpAgency[] }> {
    return this.agencies('getAgenciesList', ctx);
  }

  /** Agencies with both codes: QĐ 20/2020 (`code`) and QCVN 102 (`code102`). */
  async getAgenciesListQD20(ctx: VxpCallContext = {}): Promise<VxpExchange & { agencies: VxpAgency[] }> {
    return this.agencies('getAgenciesListQD20', ctx);
  }

  private async agencies(call: VxpCall, ctx: VxpCallContext) {
    const result = await this.exchange(call, {}, EMPTY, ctx);
    const agencies = listOf(result.answer, (a) => typeof a.code === 'string');
    if (!agencies) throw withWire(vxpUnexpected(call, 'data is not a list of {code,…}'), result);
    return { ...result.exchange, agencies: agencies as unknown as VxpAgency[] };
  }

  /** Signs, posts and reads one call; an ErrorCode other than "0" is thrown as a classified LtError. */
  private async exchange(
    call: VxpCall,
    argument: Record<string, unknown>,
    body: Buffer,
    ctx: VxpCallContext,
    fileHash?: string,
  ): Promise<{ exchange: VxpExchange; answer: VxpAnswer }> {
    const entries = sdkEntries(call, JSON.stringify(argument), {
      systemId: this.options.systemId,
      timestamp: vxpTimestamp(this.now()),
      fileHash,
    });
    for (const [key, value] of entries) if (!PRINTABLE_ASCII.test(value)) throw vxpHeaderNotAscii(key);
    const { headers } = signHeaders(entries, this.options.secret);
    const url = joinUrl(this.options.endpoint, call);
    const wire: VxpWireRecord = { method: 'POST', url, contentType: vxpContentType(call), headers, body };
    let exchange: VxpExchange;
    try {
      const res = await this.partner.http.post<Buffer>(url, body, {
        headers: Object.fromEntries(headers),
        timeout: ctx.timeoutMs ?? 30_000,
        signal: ctx.signal,
      });
      const contentType = res.headers['content-type'];
      exchange = {
        wire,
        response: {
          status: res.status,
          contentType: typeof contentType === 'string' ? contentType : undefined,
          body: res.data,
        },
      };
    } catch (err) {
      throw Object.assign(classifyVxpError(err), { wire });
    }
    const answer = parseJsonBody(exchange.response.body) as VxpAnswer | undefined;
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
      throw withWire(vxpUnexpected(call, 'not a JSON object'), { exchange });
    const code = answer.ErrorCode;
    if (typeof code !== 'string' && typeof code !== 'number')
      throw withWire(vxpUnexpected(call, 'no ErrorCode'), { exchange });
    if (String(code) !== '0')
      throw withWire(vxpRejected(call, String(code), String(answer.ErrorDesc ?? '')), { exchange });
    return { exchange, answer };
  }
}

function listOf(
  answer: VxpAnswer,
  ok: (item: Record<string, unknown>) => boolean,
): Array<Record<string, unknown>> | undefined {
  const data = (answer as { data?: unknown }).data ?? [];
  if (!Array.isArray(data)) return undefined;
  const valid = data.every(
    (i: unknown) => typeof i === 'object' && i !== null && ok(i as Record<string, unknown>),
  );
  return valid ? (data as Array<Record<string, unknown>>) : undefined;
}

function withWire<E extends Error>(err: E, result: { exchange: VxpExchange }): E & { wire: VxpWireRecord } {
  return Object.assign(err, { wire: result.exchange.wire });
}
