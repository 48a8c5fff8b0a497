import http from 'node:http';
import https from 'node:https';
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import { VERSION } from '../version';

/** A partner's answer is evidence, not data we need in full; a larger one fails the attempt. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Sockets kept per partner host: enough for a few hundred calls a second at typical latencies. */
const MAX_SOCKETS = 64;

export interface PartnerHttp {
  http: AxiosInstance;
  /** Releases the keep-alive sockets (adapter close, gateway stop). */
  close(): void;
}

/**
 * The HTTP client every adapter uses: keep-alive agents, raw-buffer answers (kept as evidence), no
 * redirects (a redirected POST may silently become a GET), 2xx only (anything else is classified).
 */
export function createPartnerHttp(options: { maxResponseBytes?: number } = {}): PartnerHttp {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const client = axios.create({
    httpAgent,
    httpsAgent,
    responseType: 'arraybuffer',
    maxRedirects: 0,
    maxContentLength: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    validateStatus: (status) => status >= 200 && status < 300,
    headers: { 'User-Agent': `LienThong/${VERSION}` },
    transformResponse: [
      (data: unknown) => (Buffer.isBuffer(data) ? data : Buffer.from((data as ArrayBuffer) ?? '')),
    ],
  });
  return {
    http: client,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** `base` + `path` with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  if (path === '') return base;
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * A partner's answer as JSON, or undefined when it is not (a proxy's HTML error page, an empty body): the
 * caller then says what it expected instead of surfacing a bare SyntaxError.
 */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
