import type { AxiosRequestConfig } from 'axios';
import type { Logger } from 'pino';
import type { WireRecord } from '../../src/adapter/contract';
import { createPartnerHttp, joinUrl, parseJsonBody } from '../../src/adapter/http-client';
import type { PartnerHttp } from '../../src/adapter/http-client';
import type { IgateConfig } from './config';
import { classifyIgateError, igateUnexpected } from './errors';
import { IgateTokens } from './token';

/** One iGate dossier as `/pa/dossier/search` returns it; only the fields the adapter reads are typed. */
export interface IgateDossier {
  id: string;
  code: string;
  nationCode?: string | null;
  dossierStatus?: number;
  dossierTaskStatus?: { id?: string; name?: unknown } | null;
  updatedDate?: string;
  [field: string]: unknown;
}

export interface IgatePage {
  content: IgateDossier[];
  last?: boolean;
  number?: number;
}

interface Ctx {
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Transport to iGate's microservices (spec §5): `/pa` dossiers, `/bd` + `/bt` the code pattern service.
 * Every call carries a bearer token; a 401 renews the token once and repeats the call.
 */
export class IgateClient {
  private readonly partner: PartnerHttp;
  readonly tokens: IgateTokens;

  constructor(
    private readonly config: IgateConfig & { baseUrl: string },
    logger: Logger,
  ) {
    this.partner = createPartnerHttp();
    this.tokens = new IgateTokens(this.partner.http, config, logger);
  }

  close(): void {
    this.partner.close();
  }

  url(path: string): string {
    return joinUrl(this.config.baseUrl, path);
  }

  private async request<T>(
    req: AxiosRequestConfig,
    ctx: Ctx,
    wire?: WireRecord,
  ): Promise<{ data: T; raw: Buffer }> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.get(ctx.timeoutMs);
      try {
        const res = await this.partner.http.request<Buffer>({
          ...req,
          headers: { ...(req.headers ?? {}), Authorization: `Bearer ${token}`, Accept: 'application/json' },
          timeout: ctx.timeoutMs,
          signal: ctx.signal,
        });
        const data = parseJsonBody(res.data);
        if (data === undefined) throw igateUnexpected(`${req.method ?? 'GET'} ${req.url} answered non-JSON`);
        return { data: data as T, raw: res.data };
      } catch (err) {
        const status = (err as { response?: { status?: number } }).response?.status;
        if (status === 401 && attempt === 1) {
          this.tokens.invalidate();
          continue;
        }
        throw Object.assign(classifyIgateError(err), wire ? { wire } : {});
      }
    }
  }

  /** One page of `/pa/dossier/search`, with what was asked as evidence (a GET: the URL with its query). */
  async search(
    params: Record<string, string | number>,
    ctx: Ctx,
  ): Promise<{ data: IgatePage; raw: Buffer; wire: WireRecord }> {
    const query = new URLSearchParams(
      Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
    );
    const wire: WireRecord = {
      method: 'GET',
      url: `${this.url('/pa/dossier/search')}?${query}`,
      body: Buffer.alloc(0),
    };
    return { ...(await this.request<IgatePage>({ method: 'GET', url: wire.url }, ctx, wire)), wire };
  }

  /** One dossier by its iGate id (`GET /pa/dossier/{id}/--online`). */
  async get(id: string, ctx: Ctx): Promise<{ dossier: IgateDossier; raw: Buffer; wire: WireRecord }> {
    const wire: WireRecord = {
      method: 'GET',
      url: this.url(`/pa/dossier/${encodeURIComponent(id)}/--online`),
      body: Buffer.alloc(0),
    };
    const res = await this.request<IgateDossier>({ method: 'GET', url: wire.url }, ctx, wire);
    return { dossier: res.data, raw: res.raw, wire };
  }

  /** Code pattern of (agency, procedure), then its next value: the dossier code iGate would give. */
  async allocateCode(
    agencyId: string,
    procedureId: string,
    procedureCode: string,
    ctx: Ctx,
  ): Promise<string> {
    const pattern = await this.request<{ id?: string }>(
      {
        method: 'GET',
        url: this.url('/bd/config/get-pattern'),
        params: { 'agency-id': agencyId, 'procedure-id': procedureId },
      },
      ctx,
    );
    if (typeof pattern.data.id !== 'string') throw igateUnexpected('get-pattern has no id');
    const next = await this.request<{ value?: string; code?: string }>(
      {
        method: 'GET',
        url: this.url(`/bt/pattern/${encodeURIComponent(pattern.data.id)}/--get-next-value`),
        params: { code: procedureCode },
      },
      ctx,
    );
    const value = next.data.value ?? next.data.code;
    if (typeof value !== 'string' || value === '') throw igateUnexpected('--get-next-value has no value');
    return value;
  }

  async create(body: unknown, ctx: Ctx): Promise<{ dossier: IgateDossier; wire: WireRecord; raw: Buffer }> {
    const json = Buffer.from(JSON.stringify(body));
    const wire: WireRecord = {
      method: 'POST',
      url: this.url('/pa/dossier'),
      contentType: 'application/json',
      body: json,
    };
    const res = await this.request<IgateDossier>(
      { method: 'POST', url: wire.url, data: json, headers: { 'Content-Type': 'application/json' } },
      ctx,
      wire,
    );
    if (typeof res.data?.id !== 'string')
      throw Object.assign(igateUnexpected('create answered without an id'), { wire });
    return { dossier: res.data, wire, raw: res.raw };
  }
}
