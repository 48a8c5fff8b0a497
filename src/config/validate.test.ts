import { validateSystemConfig } from './index';
import { thrown } from './__fixtures__/files';

const schema = {
  type: 'object',
  required: ['url', 'secret'],
  properties: {
    url: { type: 'string', format: 'uri' },
    secret: { type: 'string', minLength: 16, writeOnly: true },
    headers: { type: 'object', additionalProperties: { type: 'string' }, default: {} },
    timeoutMs: { type: 'integer', minimum: 1 },
  },
};

describe('validateSystemConfig', () => {
  const common = { enabled: true, subscribe: ['vn.lienthong.dossier.*'], retry: { attempts: 2 } };

  it('validates only the adapter keys and fills their defaults into the block', () => {
    const block: Record<string, unknown> = {
      ...common,
      url: 'https://x.example/e',
      secret: 'a-long-enough-secret',
    };
    const out = validateSystemConfig('webhook', block, schema);
    expect(out).toBe(block);
    expect(block).toEqual({
      ...common,
      url: 'https://x.example/e',
      secret: 'a-long-enough-secret',
      headers: {},
    });
  });

  it('leaves the block untouched when it is invalid', () => {
    const block: Record<string, unknown> = { ...common, secret: 'a-long-enough-secret' };
    expect(thrown(() => validateSystemConfig('webhook', block, schema)).code).toBe('LT_CONFIG_INVALID');
    expect(block).not.toHaveProperty('headers');
  });

  it('names unknown, missing and mistyped adapter keys with their paths', () => {
    const err = thrown(() =>
      validateSystemConfig(
        'webhook',
        { ...common, urll: 'x', secret: 'short', headers: { 'X-A': {} } },
        schema,
      ),
    );
    expect(err.code).toBe('LT_CONFIG_INVALID');
    expect(err.details?.problems).toEqual([
      'systems.webhook.url: is required',
      'systems.webhook: unknown key "urll" (did you mean "url"?)',
      'systems.webhook.secret: must NOT have fewer than 16 characters',
      'systems.webhook.headers.X-A: must be string',
    ]);
  });

  it('passes a common key to the adapter schema when the adapter declares it', () => {
    const withBase = { type: 'object', required: ['baseUrl'], properties: { baseUrl: { type: 'string' } } };
    expect(thrown(() => validateSystemConfig('igate', { ...common }, withBase)).message).toBe(
      'systems.igate.baseUrl: is required',
    );
    expect(
      validateSystemConfig('igate', { ...common, baseUrl: 'https://a.example' }, withBase),
    ).toMatchObject({
      baseUrl: 'https://a.example',
    });
  });
});

describe('validateSystemConfig with a real adapter schema', () => {
  it('names a bad header name without the systems naming rule', () => {
    const headers = {
      type: 'object',
      properties: { headers: { type: 'object', propertyNames: { pattern: '^[A-Za-z-]+$' } } },
    };
    expect(
      thrown(() => validateSystemConfig('webhook', { headers: { 'Bad Header': 'x' } }, headers)).message,
    ).toBe('systems.webhook.headers: invalid name "Bad Header"');
  });
});
