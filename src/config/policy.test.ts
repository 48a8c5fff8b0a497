import { effectivePolicy, loadConfig } from './index';
import { tempDir, thrown } from './__fixtures__/files';

describe('effectivePolicy', () => {
  it('deep-merges systems.<name>.retry over delivery.policy', () => {
    const tmp = tempDir();
    try {
      tmp.write(
        'lienthong.yaml',
        [
          'delivery:',
          '  policy: { attempts: 6, backoff: { initialMs: 2000 }, circuitBreaker: { openMs: 60000 } }',
          'systems:',
          '  webhook: { retry: { attempts: 3, backoff: { maxMs: 20000 }, circuitBreaker: { failureThreshold: 2 } } }',
          '  igate: {}',
        ].join('\n'),
      );
      const config = loadConfig({ env: {}, cwd: tmp.dir });
      expect(effectivePolicy(config, 'webhook')).toEqual({
        attempts: 3,
        backoff: { initialMs: 2000, maxMs: 20000, factor: 2, jitter: 0.2 },
        timeoutMs: 10000,
        circuitBreaker: { failureThreshold: 2, openMs: 60000 },
      });
      expect(effectivePolicy(config, 'igate')).toEqual(config.delivery.policy);
      // The override is not filled with defaults: only what the file says is overridden.
      expect(config.systems.webhook.retry).toEqual({
        attempts: 3,
        backoff: { maxMs: 20000 },
        circuitBreaker: { failureThreshold: 2 },
      });
      expect(thrown(() => effectivePolicy(config, 'vnpost')).code).toBe('LT_CONFIG_UNKNOWN_SYSTEM');
    } finally {
      tmp.cleanup();
    }
  });
});
