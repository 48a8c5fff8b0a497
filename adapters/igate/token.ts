import type { AxiosInstance } from 'axios';
import type { Logger } from 'pino';
import { joinUrl, parseJsonBody } from '../../src/adapter/http-client';
import type { IgateConfig } from './config';
import { classifyIgateError, igateTokenRefused, igateUnexpected } from './errors';

interface Token {
  value: string;
  /** Renew from this instant on (expiry minus the margin). */
  renewAt: number;
}

/**
 * Keycloak realm `digo` tokens (spec §5): client-credentials or password grant, cached, renewed before
 * expiry, one request at a time however many callers wait. `invalidate()` is for a 401: iGate may revoke
 * or expire a token earlier than its `expires_in` said.
 */
export class IgateTokens {
  private token?: Token;
  private pending?: Promise<string>;

  constructor(
    private readonly http: AxiosInstance,
    private readonly config: IgateConfig & { baseUrl: string },
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get url(): string {
    const base = this.config.ssoUrl ?? this.config.baseUrl;
    return joinUrl(base, `/auth/realms/${this.config.realm ?? 'digo'}/protocol/openid-connect/token`);
  }

  async get(timeoutMs: number): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    this.pending ??= this.fetch(timeoutMs).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(): void {
    this.token = undefined;
  }

  private form(): URLSearchParams {
    const c = this.config;
    const form = new URLSearchParams({ grant_type: c.grant ?? 'client_credentials', client_id: c.clientId });
    if (c.clientSecret) form.set('client_secret', c.clientSecret);
    if ((c.grant ?? 'client_credentials') === 'password') {
      form.set('username', c.username ?? '');
      form.set('password', c.password ?? '');
    }
    return form;
  }

  private async fetch(timeoutMs: number): Promise<string> {
    let res;
    try {
      res = await this.http.post<Buffer>(this.url, this.form().toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        timeout: timeoutMs,
        validateStatus: () => true,
      });
    } catch (err) {
      throw classifyIgateError(err);
    }
    const text = res.data.toString('utf8');
    if (res.status === 400 || res.status === 401) throw igateTokenRefused(res.status, text);
    if (res.status < 200 || res.status >= 300)
      throw classifyIgateError(Object.assign(new Error(text), { response: res }));
    const body = parseJsonBody(res.data) as { access_token?: unknown; expires_in?: number } | undefined;
    if (body === undefined) {
      throw igateUnexpected(`the token endpoint ${this.url} answered non-JSON (HTTP ${res.status})`);
    }
    if (typeof body.access_token !== 'string')
      throw igateTokenRefused(res.status, 'no access_token in the answer');
    const lifeMs = (body.expires_in ?? 300) * 1000;
    const margin = Math.min(this.config.tokenRefreshMarginMs ?? 30_000, lifeMs / 2);
    this.token = { value: body.access_token, renewAt: this.now() + lifeMs - margin };
    this.logger.debug({ expiresInS: body.expires_in }, 'igate token obtained');
    return body.access_token;
  }
}
