import { loadConfig } from './index';
import { interpolate } from './interpolate';
import { tempDir, thrown } from './__fixtures__/files';

describe('interpolate', () => {
  it('replaces ${VAR} and ${VAR:-default} in every string, at any depth', () => {
    const env = { HOST: 'r.example.gov.vn', EMPTY: '' };
    expect(
      interpolate(
        {
          a: 'https://${HOST}/x',
          list: ['${MISSING:-fallback}', '${EMPTY:-used when empty}'],
          n: 5,
          t: true,
        },
        env,
      ),
    ).toEqual({ a: 'https://r.example.gov.vn/x', list: ['fallback', 'used when empty'], n: 5, t: true });
  });

  it('keeps a default that contains colons and dashes, and allows an empty default', () => {
    expect(interpolate('${U:-redis://h:6379/0}|${V:-}', {})).toBe('redis://h:6379/0|');
  });

  it('reads $${ as a literal ${ and leaves other dollars alone', () => {
    expect(interpolate('$${HOME} costs $5 and ${X}', { X: 'x', HOME: '/root' })).toBe(
      '${HOME} costs $5 and x',
    );
  });

  it('names the key path and the variable when a variable without default is unset', () => {
    const err = thrown(() => interpolate({ systems: { webhook: { secret: '${WEBHOOK_SECRET}' } } }, {}));
    expect(err.code).toBe('LT_CONFIG_MISSING_ENV');
    expect(err.message).toBe('systems.webhook.secret: environment variable WEBHOOK_SECRET is not set');
  });

  it('refuses a malformed reference by key path', () => {
    const err = thrown(() => interpolate({ a: [{ b: 'x${not valid}' }, '${open'] }, {}));
    expect(err.code).toBe('LT_CONFIG_INVALID');
    expect(err.details?.problems).toEqual([
      'a[0].b: malformed ${...} reference (write $${ for a literal ${)',
      'a[1]: malformed ${...} reference (write $${ for a literal ${)',
    ]);
  });

  it('never lets a value add YAML structure', () => {
    const tmp = tempDir();
    try {
      tmp.write('lienthong.yaml', 'gateway:\n  instanceId: "${ID}"\n');
      const config = loadConfig({ env: { ID: 'x\nhttp:\n  port: 1' }, cwd: tmp.dir });
      expect(config.gateway.instanceId).toBe('x\nhttp:\n  port: 1');
      expect(config.http.port).toBe(8080);
    } finally {
      tmp.cleanup();
    }
  });
});
