import { describeConfig, loadConfig, secretPaths, validateSystemConfig } from './index';
import { tempDir, thrown } from './__fixtures__/files';

const SECRET = 'Sup3r-S3cret-Value-42';

function load(yaml: string, env: NodeJS.ProcessEnv = {}) {
  const tmp = tempDir();
  try {
    tmp.write('lienthong.yaml', yaml);
    return loadConfig({ env, cwd: tmp.dir });
  } finally {
    tmp.cleanup();
  }
}

describe('secrets', () => {
  const yaml = [
    'auth:',
    '  apiKeys: [{ name: ops, key: "${OPS_KEY}", role: operator }]',
    'systems:',
    '  webhook:',
    '    baseUrl: https://r.example.gov.vn/e',
    '    secret: "${SECRET}"',
    '    headers: { Authorization: "Bearer ${SECRET}", X-Trace: on }',
    '    credentials: { username: lt, password: "${SECRET}", clientSecret: "${SECRET}", hmacKey: "${SECRET}" }',
    '    pin: "${SECRET}"',
    '    monkey: banana',
  ].join('\n');
  const env = {
    OPS_KEY: 'ops-key-0123456789abcdef',
    SECRET,
    DATABASE_URL: `postgres://lt:${SECRET}@db:5432/lt`,
    REDIS_URL: 'redis://redis:6379',
  };

  it('lists every secret by key path', () => {
    const config = load(yaml, env);
    expect(secretPaths(config).sort()).toEqual(
      [
        'auth.apiKeys[0].key',
        'systems.webhook.secret',
        'systems.webhook.headers.Authorization',
        'systems.webhook.credentials.password',
        'systems.webhook.credentials.clientSecret',
        'systems.webhook.credentials.hmacKey',
        'systems.webhook.pin',
        'databaseUrl',
      ].sort(),
    );
  });

  it('describeConfig replaces every secret and leaves the rest, without touching the original', () => {
    const config = load(yaml, env);
    const shown = describeConfig(config);
    const text = JSON.stringify(shown);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(env.OPS_KEY);
    expect(shown.auth.apiKeys[0]).toEqual({ name: 'ops', key: '[REDACTED]', role: 'operator' });
    expect(shown.databaseUrl).toBe('postgres://lt:[REDACTED]@db:5432/lt');
    expect(shown.redisUrl).toBe('redis://redis:6379');
    expect(shown.systems.webhook).toMatchObject({
      baseUrl: 'https://r.example.gov.vn/e',
      headers: { Authorization: '[REDACTED]', 'X-Trace': 'on' },
      credentials: { username: 'lt', password: '[REDACTED]' },
      monkey: 'banana',
    });
    expect(config.systems.webhook.secret).toBe(SECRET);
  });

  it('redacts what an adapter schema marks writeOnly', () => {
    const config = load('systems:\n  vnpost: { customerCode: C1, apiPass: "${SECRET}" }\n', { SECRET });
    const schemas = {
      vnpost: { type: 'object', properties: { apiPass: { type: 'string', writeOnly: true } } },
    };
    expect(secretPaths(config, schemas)).toEqual(['systems.vnpost.apiPass']);
    expect(describeConfig(config, schemas).systems.vnpost).toMatchObject({
      customerCode: 'C1',
      apiPass: '[REDACTED]',
    });
  });

  it('never puts a secret value into an error message', () => {
    const messages = [
      // schema problems on secret-bearing keys
      thrown(() =>
        load('auth:\n  apiKeys: [{ name: a, key: "${SECRET}", role: god }]\n', { SECRET: 'short-Sup3r' }),
      ).message,
      thrown(() =>
        load('auth:\n  apiKeys: [{ name: a, key: { nested: "${SECRET}" }, role: viewer }]\n', { SECRET }),
      ).message,
      // YAML syntax error on the line that holds an inline secret
      thrown(() => load(`systems:\n  webhook:\n    secret: ${SECRET}\n     x: [\n`)).message,
      thrown(() => load(`systems:\n  webhook: { secret: "${SECRET}" \n`)).message,
      // environment overrides
      thrown(() => load('{}\n', { REDIS_URL: `http://:${SECRET}@r` })).message,
      // adapter validation
      thrown(() =>
        validateSystemConfig(
          'w',
          { secret: SECRET },
          { type: 'object', properties: { secret: { type: 'integer' } } },
        ),
      ).message,
      thrown(() =>
        validateSystemConfig(
          'w',
          { secret: SECRET },
          { type: 'object', properties: { secret: { enum: ['a'] } } },
        ),
      ).message,
    ];
    for (const m of messages) {
      expect(m).not.toContain('Sup3r');
    }
    expect(messages[0]).toContain('auth.apiKeys[0].key: must NOT have fewer than 16 characters');
  });
});
