import { redisConnectionOptions } from './options';

describe('redisConnectionOptions', () => {
  it('parses host, port, db and credentials, with the options BullMQ needs', () => {
    expect(redisConnectionOptions('redis://app:p%40ss@redis.internal:6380/2')).toEqual({
      host: 'redis.internal',
      port: 6380,
      db: 2,
      username: 'app',
      password: 'p@ss',
      maxRetriesPerRequest: null,
      enableReadyCheck: true,
      connectTimeout: 10000,
    });
  });

  it('defaults the port and db, accepts a password without user, and IPv6 hosts', () => {
    expect(redisConnectionOptions('redis://:secret@[::1]')).toMatchObject({
      host: '::1',
      port: 6379,
      db: 0,
      password: 'secret',
    });
    expect(redisConnectionOptions('redis://127.0.0.1:6379')).not.toHaveProperty('password');
  });

  it('turns on TLS for rediss://, naming the server for SNI', () => {
    expect(redisConnectionOptions('rediss://cache.example.gov.vn:6380').tls).toEqual({
      servername: 'cache.example.gov.vn',
    });
    expect(redisConnectionOptions('rediss://10.0.0.5').tls).toEqual({});
  });

  it('refuses other schemes and junk without repeating the URL', () => {
    for (const url of ['http://u:hunter2@h', 'not a url hunter2', 'redis://:hunter2@h/abc']) {
      let message = '';
      try {
        redisConnectionOptions(url);
      } catch (err) {
        expect((err as { code: string }).code).toBe('LT_REDIS_URL_INVALID');
        message = (err as Error).message;
      }
      expect(message).toMatch(/^REDIS_URL /);
      expect(message).not.toContain('hunter2');
    }
  });
});
