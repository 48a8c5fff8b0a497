import { AxiosError, AxiosHeaders, CanceledError } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { LtError } from '../errors';
import type { ErrorKind } from '../errors';
import { MAX_RETRY_AFTER_MS, bodySnippet, classifyHttpError, parseRetryAfter } from './http-errors';

const config = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig;

function httpError(status: number, headers: Record<string, string> = {}, data: unknown = ''): AxiosError {
  const response = {
    status,
    statusText: '',
    headers: new AxiosHeaders(headers),
    config,
    data: typeof data === 'string' ? Buffer.from(data) : data,
  } as AxiosResponse;
  return new AxiosError(
    `Request failed with status code ${status}`,
    'ERR_BAD_RESPONSE',
    config,
    {},
    response,
  );
}

function netError(code: string, message = `connect ${code} 10.0.0.1:443`): AxiosError {
  return new AxiosError(message, code, config, {});
}

interface Row {
  name: string;
  err: unknown;
  code: string;
  kind: ErrorKind;
  retryable: boolean;
  httpStatus?: number;
  retryAfterMs?: number;
}

const rows: Row[] = [
  {
    name: '400',
    err: httpError(400),
    code: 'LT_WEBHOOK_REJECTED',
    kind: 'permanent',
    retryable: false,
    httpStatus: 400,
  },
  {
    name: '401',
    err: httpError(401),
    code: 'LT_WEBHOOK_REJECTED',
    kind: 'permanent',
    retryable: false,
    httpStatus: 401,
  },
  {
    name: '404',
    err: httpError(404),
    code: 'LT_WEBHOOK_REJECTED',
    kind: 'permanent',
    retryable: false,
    httpStatus: 404,
  },
  {
    name: '422',
    err: httpError(422),
    code: 'LT_WEBHOOK_REJECTED',
    kind: 'permanent',
    retryable: false,
    httpStatus: 422,
  },
  {
    name: '302',
    err: httpError(302),
    code: 'LT_WEBHOOK_REJECTED',
    kind: 'permanent',
    retryable: false,
    httpStatus: 302,
  },
  {
    name: '408',
    err: httpError(408),
    code: 'LT_WEBHOOK_TIMEOUT',
    kind: 'transient',
    retryable: true,
    httpStatus: 408,
  },
  {
    name: '425',
    err: httpError(425),
    code: 'LT_WEBHOOK_TOO_EARLY',
    kind: 'transient',
    retryable: true,
    httpStatus: 425,
  },
  {
    name: '429 with delta-seconds',
    err: httpError(429, { 'Retry-After': '7' }),
    code: 'LT_WEBHOOK_RATE_LIMITED',
    kind: 'rate_limited',
    retryable: true,
    httpStatus: 429,
    retryAfterMs: 7000,
  },
  {
    name: '429 without Retry-After',
    err: httpError(429),
    code: 'LT_WEBHOOK_RATE_LIMITED',
    kind: 'rate_limited',
    retryable: true,
    httpStatus: 429,
  },
  {
    name: '503 with Retry-After',
    err: httpError(503, { 'retry-after': '120' }),
    code: 'LT_WEBHOOK_UNAVAILABLE',
    kind: 'transient',
    retryable: true,
    httpStatus: 503,
    retryAfterMs: 120_000,
  },
  {
    name: '500',
    err: httpError(500),
    code: 'LT_WEBHOOK_SERVER_ERROR',
    kind: 'transient',
    retryable: true,
    httpStatus: 500,
  },
  {
    name: '502',
    err: httpError(502),
    code: 'LT_WEBHOOK_SERVER_ERROR',
    kind: 'transient',
    retryable: true,
    httpStatus: 502,
  },
  {
    name: '504',
    err: httpError(504),
    code: 'LT_WEBHOOK_SERVER_ERROR',
    kind: 'transient',
    retryable: true,
    httpStatus: 504,
  },
  {
    name: 'axios timeout',
    err: netError('ECONNABORTED', 'timeout of 100ms exceeded'),
    code: 'LT_WEBHOOK_TIMEOUT',
    kind: 'transient',
    retryable: true,
  },
  {
    name: 'ETIMEDOUT',
    err: netError('ETIMEDOUT'),
    code: 'LT_WEBHOOK_TIMEOUT',
    kind: 'transient',
    retryable: true,
  },
  {
    name: 'aborted by signal',
    err: new CanceledError(undefined, undefined, config),
    code: 'LT_WEBHOOK_TIMEOUT',
    kind: 'transient',
    retryable: true,
  },
  {
    name: 'DOMException TimeoutError',
    err: Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }),
    code: 'LT_WEBHOOK_TIMEOUT',
    kind: 'transient',
    retryable: true,
  },
  ...['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE'].map((code): Row => ({
    name: code,
    err: netError(code),
    code: 'LT_WEBHOOK_UNREACHABLE',
    kind: 'transient',
    retryable: true,
  })),
  {
    name: 'socket hang up without code',
    err: new Error('socket hang up'),
    code: 'LT_WEBHOOK_UNREACHABLE',
    kind: 'transient',
    retryable: true,
  },
  {
    name: 'raw Node error with cause code',
    err: new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
    code: 'LT_WEBHOOK_UNREACHABLE',
    kind: 'transient',
    retryable: true,
  },
  {
    name: 'TLS failure (unknown)',
    err: netError('CERT_HAS_EXPIRED', 'certificate has expired'),
    code: 'LT_WEBHOOK_ERROR',
    kind: 'transient',
    retryable: true,
  },
  { name: 'a thrown string', err: 'boom', code: 'LT_WEBHOOK_ERROR', kind: 'transient', retryable: true },
];

describe('classifyHttpError', () => {
  it.each(rows)('$name → $code', (row) => {
    const err = classifyHttpError(row.err, 'WEBHOOK');
    expect(err).toBeInstanceOf(LtError);
    expect(err.code).toBe(row.code);
    expect(err.kind).toBe(row.kind);
    expect(err.retryable).toBe(row.retryable);
    expect(err.details?.httpStatus).toBe(row.httpStatus);
    expect(err.retryAfterMs).toBe(row.retryAfterMs);
    expect(err.cause).toBe(row.err);
    if (row.httpStatus !== undefined) expect(err.detail).toContain(String(row.httpStatus));
  });

  it('passes an LtError through unchanged', () => {
    const original = new LtError('LT_WEBHOOK_INVALID_PAYLOAD', 'permanent', 'no payload');
    expect(classifyHttpError(original, 'WEBHOOK')).toBe(original);
  });

  it('derives the code from the system name', () => {
    expect(classifyHttpError(httpError(400), 'paygov').code).toBe('LT_PAYGOV_REJECTED');
    expect(classifyHttpError(httpError(400), 'vn-post').code).toBe('LT_VN_POST_REJECTED');
  });

  it('puts a short, scrubbed, single-line snippet of the refusal body in the detail', () => {
    const body = `{"error":"invalid citizen 001203004567",\n"trace":"${'x'.repeat(500)}"}`;
    const err = classifyHttpError(httpError(422, {}, body), 'WEBHOOK');
    expect(err.detail).toMatch(
      /^webhook: HTTP 422 refused: \{"error":"invalid citizen \[REDACTED\]", "trace":"x+…$/,
    );
    expect(err.detail).not.toContain('001203004567');
    expect(err.detail.length).toBeLessThan(260);
  });

  it('names an unfollowed redirect', () => {
    const err = classifyHttpError(httpError(301, { location: 'https://new.example.vn/hook' }), 'WEBHOOK');
    expect(err.detail).toContain('redirect to https://new.example.vn/hook not followed');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-07-01T00:00:00Z');
  it.each([
    ['delta-seconds', '30', 30_000],
    ['zero', '0', 0],
    ['padded', ' 5 ', 5000],
    ['HTTP-date in the future', 'Tue, 01 Jul 2025 00:02:00 GMT', 120_000],
    ['HTTP-date in the past', 'Mon, 30 Jun 2025 23:00:00 GMT', 0],
    ['capped delta', '86400', MAX_RETRY_AFTER_MS],
    ['capped date', 'Wed, 02 Jul 2025 00:00:00 GMT', MAX_RETRY_AFTER_MS],
    ['array (first wins)', ['3', '9'], 3000],
    ['number', 2, 2000],
    ['negative', '-5', undefined],
    ['fraction', '1.5', undefined],
    ['garbage', 'soon', undefined],
    ['empty', '', undefined],
    ['absent', undefined, undefined],
  ])('%s', (_name, value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('bodySnippet', () => {
  it('reads buffers, strings and objects and caps the length', () => {
    expect(bodySnippet(Buffer.from('  not\r\nfound '))).toBe('not found');
    expect(bodySnippet({ code: 'X' })).toBe('{"code":"X"}');
    expect(bodySnippet('a'.repeat(300))).toHaveLength(200);
    expect(bodySnippet(undefined)).toBe('');
  });
});

describe('an authentication refusal', () => {
  it.each([401, 403])('HTTP %i says what to check and that the dead letters can be replayed', (status) => {
    const err = classifyHttpError(httpError(status), 'IGATE');
    expect(err.code).toBe('LT_IGATE_REJECTED');
    expect(err.message).toMatch(/check systems\.igate credentials .* then replay the dead letters/);
  });
});
