import path from 'node:path';
import { webhookConfigSchema } from '../../adapters/webhook/config';
import { loadConfig } from './index';
import { tempDir, thrown } from './__fixtures__/files';

const ROOT = path.resolve(__dirname, '..', '..');

describe('loadConfig', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('is the sandbox when no file is named and ./lienthong.yaml does not exist', () => {
    const config = loadConfig({ env: {}, cwd: tmp.dir });
    expect(config.sandbox).toBe(true);
    expect(config.auth).toEqual({
      anonymousRole: 'viewer',
      apiKeys: [{ name: 'sandbox-operator', key: 'sandbox-operator-key', role: 'operator' }],
    });
    expect(config.systems.webhook).toMatchObject({
      enabled: true,
      baseUrl: 'http://127.0.0.1:8080/sandbox/webhook/events',
      subscribe: ['vn.lienthong.dossier.*'],
    });
    expect(config.delivery.policy).toEqual({
      attempts: 8,
      backoff: { initialMs: 500, maxMs: 10000, factor: 2, jitter: 0.2 },
      timeoutMs: 10000,
      circuitBreaker: { failureThreshold: 5, openMs: 30000 },
    });
    expect(config.gateway.dataDir).toBe(path.join(tmp.dir, 'data'));
    expect(config.gateway.instanceId).toMatch(/-\d+$/);
    // compose passes LIENTHONG_CONFIG="" when it is not set
    expect(loadConfig({ env: { LIENTHONG_CONFIG: '' }, cwd: tmp.dir }).sandbox).toBe(true);
  });

  it('keeps keys in the order of the example file, for printing', () => {
    const config = loadConfig({ env: { REDIS_URL: 'redis://r:6379' }, cwd: tmp.dir });
    expect(Object.keys(config)).toEqual([
      'sandbox',
      'gateway',
      'http',
      'auth',
      'delivery',
      // The sandbox trusts its own PKI (made under the data folder) beside the shipped roots.
      'trust',
      'mappings',
      'systems',
      'redisUrl',
    ]);
    expect(Object.keys(config.delivery)[0]).toBe('queuePrefix');
    expect(Object.keys(config.delivery.policy)).toEqual([
      'attempts',
      'backoff',
      'timeoutMs',
      'circuitBreaker',
    ]);
  });

  it('points the sandbox webhook at the effective port', () => {
    const config = loadConfig({ env: { PORT: '9123' }, cwd: tmp.dir });
    expect(config.http.port).toBe(9123);
    expect(config.systems.webhook.baseUrl).toBe('http://127.0.0.1:9123/sandbox/webhook/events');
  });

  it('reads ./lienthong.yaml and fills every default', () => {
    tmp.write('lienthong.yaml', 'systems:\n  webhook:\n    baseUrl: https://r.example.gov.vn/events\n');
    const config = loadConfig({ env: {}, cwd: tmp.dir });
    expect(config.sandbox).toBe(false);
    expect(config.gateway).toMatchObject({ logLevel: 'info', shutdownTimeoutMs: 15000 });
    expect(config.http).toEqual({ port: 8080, host: '0.0.0.0', bodyLimit: '10mb' });
    expect(config.auth).toEqual({ apiKeys: [] });
    expect(config.delivery).toMatchObject({
      queuePrefix: 'lt',
      concurrency: 8,
      sweepIntervalMs: 1000,
      staleAfterMs: 30000,
      leaseMarginMs: 5000,
      lockDurationMs: 30000,
    });
    expect(config.delivery.policy.backoff).toEqual({
      initialMs: 1000,
      maxMs: 300000,
      factor: 2,
      jitter: 0.2,
    });
    expect(config.systems.webhook).toEqual({
      enabled: true,
      baseUrl: 'https://r.example.gov.vn/events',
      subscribe: ['vn.lienthong.dossier.*'],
    });
  });

  it('reads the file named by LIENTHONG_CONFIG, and refuses one that does not exist', () => {
    const file = tmp.write('prod.yaml', 'http: { port: 9000 }\n');
    expect(loadConfig({ env: { LIENTHONG_CONFIG: file }, cwd: tmp.dir }).http.port).toBe(9000);
    const err = thrown(() =>
      loadConfig({ env: { LIENTHONG_CONFIG: path.join(tmp.dir, 'nope.yaml') }, cwd: tmp.dir }),
    );
    expect(err.code).toBe('LT_CONFIG_NOT_FOUND');
    expect(err.message).toContain('nope.yaml does not exist');
  });

  it('treats an empty file as all defaults', () => {
    tmp.write('lienthong.yaml', '# nothing yet\n');
    const config = loadConfig({ env: {}, cwd: tmp.dir });
    expect(config.sandbox).toBe(false);
    expect(config.systems).toEqual({});
  });

  it('lets PORT, LIENTHONG_DATA_DIR, LOG_LEVEL, DATABASE_URL and REDIS_URL override the file', () => {
    tmp.write('lienthong.yaml', 'gateway: { dataDir: /srv/a, logLevel: warn }\nhttp: { port: 9000 }\n');
    const config = loadConfig({
      env: {
        PORT: '8181',
        LIENTHONG_DATA_DIR: '/srv/b',
        LOG_LEVEL: 'debug',
        DATABASE_URL: 'postgres://u:p@db/lt',
        REDIS_URL: 'redis://r:6379',
      },
      cwd: tmp.dir,
    });
    expect(config.http.port).toBe(8181);
    expect(config.gateway.dataDir).toBe('/srv/b');
    expect(config.gateway.logLevel).toBe('debug');
    expect(config.databaseUrl).toBe('postgres://u:p@db/lt');
    expect(config.redisUrl).toBe('redis://r:6379');
  });

  it('refuses malformed environment overrides by variable name', () => {
    const err = thrown(() => loadConfig({ env: { PORT: 'eighty', LOG_LEVEL: 'loud' }, cwd: tmp.dir }));
    expect(err.code).toBe('LT_CONFIG_INVALID');
    expect(err.message).toContain('PORT: must be an integer between 0 and 65535');
    expect(err.message).toContain('LOG_LEVEL: must be one of');
  });

  it('names a mistyped key and suggests the right one', () => {
    tmp.write('lienthong.yaml', 'delivery:\n  concurency: 4\ngatway: {}\n');
    const err = thrown(() => loadConfig({ env: {}, cwd: tmp.dir }));
    expect(err.code).toBe('LT_CONFIG_INVALID');
    expect(err.message).toContain('delivery: unknown key "concurency" (did you mean "concurrency"?)');
    expect(err.message).toContain('(top level): unknown key "gatway" (did you mean "gateway"?)');
  });

  it('names every badly typed value with its key path', () => {
    tmp.write(
      'lienthong.yaml',
      [
        'http: { port: 70000, bodyLimit: lots }',
        'delivery:',
        '  concurrency: 0',
        '  policy: { attempts: many, backoff: { jitter: 2 } }',
        'auth:',
        '  anonymousRole: admin',
        '  apiKeys:',
        '    - { name: ops, role: operator }',
        'systems:',
        '  webhook: { enabled: maybe, baseUrl: "not a url", retry: { circuitBreaker: { openMs: -1 } } }',
        '  Bad_Name: {}',
      ].join('\n'),
    );
    const err = thrown(() => loadConfig({ env: {}, cwd: tmp.dir }));
    expect(err.code).toBe('LT_CONFIG_INVALID');
    const problems = err.details?.problems as string[];
    expect(problems).toEqual(
      expect.arrayContaining([
        'http.port: must be <= 65535',
        'http.bodyLimit: must be a size such as 512kb or 10mb, or a number of bytes',
        'delivery.concurrency: must be >= 1',
        'delivery.policy.attempts: must be integer',
        'delivery.policy.backoff.jitter: must be <= 1',
        'auth.anonymousRole: must be one of "viewer", "operator"',
        'auth.apiKeys[0].key: is required',
        'systems.webhook.enabled: must be boolean',
        'systems.webhook.baseUrl: must be an http:// or https:// URL',
        'systems.webhook.retry.circuitBreaker.openMs: must be >= 0',
        'systems: invalid name "Bad_Name" (lower-case letters, digits and dashes)',
      ]),
    );
    expect(err.message).toBe(problems.join('; '));
    expect(problems.filter((p) => p.startsWith('systems.webhook.baseUrl'))).toHaveLength(1);
  });

  it('accepts numbers and booleans given as strings, as ${ENV} produces them', () => {
    tmp.write(
      'lienthong.yaml',
      'http: { port: "${HTTP_PORT}" }\nsystems:\n  webhook: { enabled: "${ON:-false}" }\n',
    );
    const config = loadConfig({ env: { HTTP_PORT: '9999' }, cwd: tmp.dir });
    expect(config.http.port).toBe(9999);
    expect(config.systems.webhook.enabled).toBe(false);
  });

  it('refuses duplicate API key names and values, and an inverted backoff', () => {
    tmp.write(
      'lienthong.yaml',
      [
        'auth:',
        '  apiKeys:',
        '    - { name: a, key: aaaaaaaaaaaaaaaa, role: viewer }',
        '    - { name: a, key: aaaaaaaaaaaaaaaa, role: operator }',
        'systems:',
        '  webhook: { retry: { backoff: { initialMs: 600000 } } }',
      ].join('\n'),
    );
    const problems = thrown(() => loadConfig({ env: {}, cwd: tmp.dir })).details?.problems;
    expect(problems).toEqual([
      'auth.apiKeys[1].name: same name as auth.apiKeys[0]',
      'auth.apiKeys[1].key: same key as auth.apiKeys[0]',
      'systems.webhook.retry.backoff: initialMs must be <= maxMs (after merging delivery.policy)',
    ]);
  });

  it('reports YAML syntax errors with line and column', () => {
    const file = tmp.write('lienthong.yaml', 'http:\n  port: 8080\n   host: x\nsystems: [\n');
    const err = thrown(() => loadConfig({ env: {}, cwd: tmp.dir }));
    expect(err.code).toBe('LT_CONFIG_PARSE');
    expect(err.message.startsWith(`${file}:2:9: Nested mappings are not allowed in compact mappings; `)).toBe(
      true,
    );
    tmp.write('lienthong.yaml', 'http: {}\nhttp: {}\n');
    expect(thrown(() => loadConfig({ env: {}, cwd: tmp.dir })).message).toBe(
      `${file}:2:1: Map keys must be unique`,
    );
  });

  it('checks adapter keys when adapter schemas are given, skipping disabled systems', () => {
    tmp.write(
      'lienthong.yaml',
      'systems:\n  webhook: { urll: x }\n  igate: { enabled: false, anything: 1 }\n  nosuch: {}\n',
    );
    const schemas = {
      webhook: { type: 'object', properties: { url: { type: 'string' } } },
      igate: { type: 'object', properties: {} },
    };
    const problems = thrown(() => loadConfig({ env: {}, cwd: tmp.dir, adapterSchemas: schemas })).details
      ?.problems;
    expect(problems).toEqual([
      'systems.webhook: unknown key "urll" (did you mean "url"?)',
      'systems: unknown system "nosuch" (known: webhook, igate)',
    ]);
  });

  it('loads lienthong.example.yaml with the variables it needs', () => {
    const config = loadConfig({
      path: path.join(ROOT, 'lienthong.example.yaml'),
      env: {
        LT_OPERATOR_KEY: 'operator-key-0123456789',
        LT_VIEWER_KEY: 'viewer-key-0123456789',
        WEBHOOK_SECRET: 'whsec-0123456789',
      },
      cwd: tmp.dir,
      // The webhook block's own keys, as the gateway checks them at start.
      adapterSchemas: { webhook: webhookConfigSchema },
    });
    expect(config.sandbox).toBe(false);
    expect(config.auth.apiKeys.map((k) => k.role)).toEqual(['operator', 'viewer']);
    expect(config.systems.webhook).toMatchObject({ secret: 'whsec-0123456789', retry: { attempts: 5 } });
  });

  it('names the variables lienthong.example.yaml needs when they are missing', () => {
    const err = thrown(() =>
      loadConfig({ path: path.join(ROOT, 'lienthong.example.yaml'), env: {}, cwd: tmp.dir }),
    );
    expect(err.code).toBe('LT_CONFIG_MISSING_ENV');
    expect(err.details?.problems).toEqual([
      'auth.apiKeys[0].key: environment variable LT_OPERATOR_KEY is not set',
      'auth.apiKeys[1].key: environment variable LT_VIEWER_KEY is not set',
      'systems.webhook.secret: environment variable WEBHOOK_SECRET is not set',
    ]);
  });
});
