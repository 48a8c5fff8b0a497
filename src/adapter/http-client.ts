import http from 'node:http';
import https from 'node:https';
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import { VERSION } from '../version';

/** A partner's answer is evidence, not data we need in full; a larger one fails the attempt. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Sockets kept per partner host: enough for a few hundred calls a second at typical latencies. */
const MAX_SOCKETS = 64;

/**
 * The HTTP client every adapter uses: keep-alive agents, raw-buffer answers (kept as evidence), no
 * redirects (a redirected POST may silently become a GET), 2xx only (anything else is classified).
 */
export function createPartnerHttp(): AxiosInstance {
  return axios.create({
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    httpsAgent: new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    responseType: 'arraybuffer',
    maxRedirects: 0,
    maxContentLength: MAX_RESPONSE_BYTES,
    validateStatus: (status) => status >= 200 && status < 300,
    headers: { 'User-Agent': `LienThong/${VERSION}` },
    transformResponse: [
      (data: unknown) => (Buffer.isBuffer(data) ? data : Buffer.from((data as ArrayBuffer) ?? '')),
    ],
  });
}

/** `base` + `path` with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  if (path === '') return base;
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
