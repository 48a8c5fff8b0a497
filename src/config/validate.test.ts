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

  it('validates only the adapter keys, fills their defaults and returns a copy', () => {
    const block = { ...common, url: 'https://x.example/e', secret: 'a-long-enough-secret' };
    const out = validateSystemConfig('webhook', block, schema);
    expect(out).toEqual({ ...block, headers: {} });
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
