import { validateSystemConfig } from '../config';
import { pollSchema } from './config-fragments';

describe('pollSchema', () => {
  const schema = (extra?: Record<string, unknown>) => ({
    type: 'object',
    properties: { poll: pollSchema(extra) },
  });
  const check = (poll: unknown, extra?: Record<string, unknown>) => () =>
    validateSystemConfig('demo', { enabled: true, subscribe: [], poll }, schema(extra));

  it('accepts the common keys and the adapter’s own', () => {
    expect(check({ enabled: false, intervalMs: 100, timeoutMs: 5000 })).not.toThrow();
    expect(check({ pageSize: 10 }, { pageSize: { type: 'integer', minimum: 1 } })).not.toThrow();
  });

  it('refuses an interval or time limit under 100 ms, and unknown keys', () => {
    expect(check({ intervalMs: 99 })).toThrow(/systems\.demo\.poll\.intervalMs/);
    expect(check({ timeoutMs: 0 })).toThrow(/systems\.demo\.poll\.timeoutMs/);
    expect(check({ pageSize: 10 })).toThrow(/systems\.demo\.poll/);
    expect(check({ enabled: 'yes' })).toThrow(/systems\.demo\.poll\.enabled/);
  });
});
