import type { Logger } from 'pino';
import type { WireRecord } from '../../src/adapter/contract';
import { createPartnerHttp, joinUrl, parseJsonBody } from '../../src/adapter/http-client';
import type { PartnerHttp } from '../../src/adapter/http-client';
import { DVCQG_DEFAULT_PATHS } from './config';
import type { DvcqgConfig } from './config';
import { classifyDvcqgError, dvcqgLoginFailed, dvcqgUnexpected } from './errors';
import { isDvcqgSuccess } from './wire';
import type { DvcqgResponse } from './wire';

/**
 * Transport to the national portal: session login with caching, the generation-1 service envelope, and
 * generation-2 bare-array posts. Knows nothing of dossiers; `outbound.ts` decides what to send.
 */
export interface CallContext {
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface CallResult<T> {
  answer: T;
  wire: WireRecord;
  response: { contentType?: string; body: Buffer };
}

/** Session errors: the simulator's "-2", and any message naming the session (the real codes are [U]). */
function isSessionExpired(answer: DvcqgResponse): boolean {
  // Not /phiên/ alone: "phiên bản" (version) appears in business messages and would trigger a silent resend.
  const message = (answer.message ?? '').normalize('NFC').toLowerCase();
  return String(answer.error_code) === '-2' || /phiên (đăng nhập|làm việc)|session/.test(message);
}

export class DvcqgClient {
  private readonly partner: PartnerHttp;
  private readonly paths: Required<NonNullable<DvcqgConfig['paths']>>;
  private session?: { token: string; until: number };
  private loggingIn?: Promise<string>;

  constructor(
    private readonly baseUrl: string,
    private readonly config: DvcqgConfig,
    private readonly logger: Logger,
  ) {
    this.partner = createPartnerHttp();
    this.paths = { ...DVCQG_DEFAULT_PATHS, ...(config.paths ?? {}) };
  }

  close(): void {
    this.partner.close();
  }

  private headers(): Record<string, string> {
    return {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      dstcode: this.config.dstcode ?? 'DVCQG',
    };
  }

  /** One login at a time; the session is reused until its configured lifetime ends or the portal refuses it. */
  async login(ctx: CallContext): Promise<string> {
    if (this.session && this.session.until > Date.now()) return this.session.token;
    this.loggingIn ??= (async () => {
      try {
        const res = await this.partner.http.post<Buffer>(
          joinUrl(this.baseUrl, this.paths.login),
          { username: this.config.username, password: this.config.password },
          { headers: this.headers(), timeout: ctx.timeoutMs, signal: ctx.signal },
        );
        const answer = parseAnswer(res.data);
        if (answer.error_code === NON_JSON)
          throw dvcqgUnexpected(`login answered non-JSON: ${answer.message}`);
        if (!isDvcqgSuccess(answer.error_code) || typeof answer.session !== 'string') {
          throw dvcqgLoginFailed(answer.error_code, answer.message ?? '');
        }
        this.session = { token: answer.session, until: Date.now() + (this.config.sessionTtlMs ?? 1_200_000) };
        this.logger.debug('dvcqg session opened');
        return answer.session;
      } catch (err) {
        throw classifyDvcqgError(err);
      } finally {
        this.loggingIn = undefined;
      }
    })();
    return this.loggingIn;
  }

  /** A generation-1 service call; an expired session is renewed once and the call repeated. */
  async call(
    service: string,
    params: Record<string, unknown>,
    ctx: CallContext,
  ): Promise<CallResult<DvcqgResponse>> {
    for (let attempt = 1; ; attempt++) {
      const session = await this.login(ctx);
      const envelope = { session, service, ...params };
      // The evidence never holds the session token.
      const wire = this.wire(this.paths.service, { ...envelope, session: '[REDACTED]' });
      const result = await this.post(this.paths.service, envelope, wire, ctx);
      const answer = parseAnswer(result.response.body);
      if (attempt === 1 && isSessionExpired(answer)) {
        this.session = undefined;
        continue;
      }
      return { ...result, answer };
    }
  }

  /** A generation-2 post of a bare array; answers are JSON or plain text. */
  async postArray(which: 'create' | 'update' | 'progress', items: unknown[], ctx: CallContext) {
    const path = this.paths[which];
    return this.post(path, items, this.wire(path, items), ctx);
  }

  private wire(path: string, body: unknown): WireRecord {
    return {
      method: 'POST',
      url: joinUrl(this.baseUrl, path),
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(body)),
    };
  }

  private async post(path: string, body: unknown, wire: WireRecord, ctx: CallContext) {
    try {
      const res = await this.partner.http.post<Buffer>(joinUrl(this.baseUrl, path), body, {
        headers: this.headers(),
        timeout: ctx.timeoutMs,
        signal: ctx.signal,
      });
      const contentType = res.headers['content-type'];
      return {
        wire,
        response: { contentType: typeof contentType === 'string' ? contentType : undefined, body: res.data },
      };
    } catch (err) {
      throw Object.assign(classifyDvcqgError(err), { wire });
    }
  }
}

const NON_JSON = 'NON_JSON';

/**
 * A portal answer; a proxy's HTML error page or an empty body becomes a non-success answer whose message is
 * the start of the body, so that the rejection says what came back.
 */
export function parseAnswer(body: Buffer): DvcqgResponse {
  const value = parseJsonBody(body) as DvcqgResponse | undefined;
  if (value && typeof value === 'object' && 'error_code' in value) return value;
  return { error_code: NON_JSON, message: body.toString('utf8').slice(0, 200) };
}
