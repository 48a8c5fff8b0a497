import type { Redis } from 'ioredis';
import { checkEvictionPolicy } from './eviction';
import { captureLogger, LEVEL } from './__fixtures__/capture-logger';

const fake = (call: () => Promise<unknown>) => ({ call }) as unknown as Redis;

describe('checkEvictionPolicy (reply shapes)', () => {
  it('reads flat and map replies', async () => {
    const { logger } = captureLogger();
    expect(
      await checkEvictionPolicy(
        fake(async () => ['maxmemory-policy', 'noeviction']),
        logger,
      ),
    ).toBe('noeviction');
    expect(
      await checkEvictionPolicy(
        fake(async () => ({ 'maxmemory-policy': 'volatile-lru' })),
        logger,
      ),
    ).toBe('volatile-lru');
    expect(
      await checkEvictionPolicy(
        fake(async () => []),
        logger,
      ),
    ).toBeUndefined();
  });

  it('tolerates a disabled CONFIG command with a debug line', async () => {
    const { logger, lines } = captureLogger();
    const policy = await checkEvictionPolicy(
      fake(async () => Promise.reject(new Error("ERR unknown command 'CONFIG'"))),
      logger,
    );
    expect(policy).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe(LEVEL.debug);
  });
});
