import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import type { LtError } from '../errors';
import {
  checkEvictionPolicy,
  findRedisServer,
  probeRedis,
  redisConnectionOptions,
  resolveRedis,
  startManagedRedis,
  type ManagedRedis,
} from './index';
import { freePort } from './probe';
import { captureLogger, LEVEL } from './__fixtures__/capture-logger';

/** These tests need the shared Redis on 127.0.0.1:6379 and a redis-server binary; they never reconfigure the shared one. */
describe('resolveRedis', () => {
  let dataDir: string;
  const started: ManagedRedis[] = [];
  const clients: Redis[] = [];

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-redis-'));
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
    await Promise.all(started.splice(0).map((m) => m.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const connect = (url: string) => {
    const client = new Redis(redisConnectionOptions(url));
    clients.push(client);
    return client;
  };
  /** A loopback port where nothing listens, standing in for "6379 is down". */
  const quietLocal = async () => ({ host: '127.0.0.1', port: await freePort('127.0.0.1') });

  it('uses REDIS_URL as given, without probing or starting anything', async () => {
    const { logger } = captureLogger();
    const resolved = await resolveRedis({ redisUrl: 'redis://redis.example:6390/1', dataDir, logger });
    expect(resolved).toEqual({ url: 'redis://redis.example:6390/1' });
    expect(fs.existsSync(path.join(dataDir, 'redis'))).toBe(false);
  });

  it('uses the Redis answering on 127.0.0.1:6379', async () => {
    const { logger } = captureLogger();
    const resolved = await resolveRedis({ dataDir, logger });
    expect(resolved).toEqual({ url: 'redis://127.0.0.1:6379' });
    expect(await connect(resolved.url).ping()).toBe('PONG');
  });

  it('starts, uses and stops a managed redis-server when nothing answers locally', async () => {
    const { logger, lines } = captureLogger();
    const local = await quietLocal();
    const resolved = await resolveRedis({ dataDir, logger, local });
    expect(resolved.managed).toBeDefined();
    started.push(resolved.managed!);
    // The preferred port is the local default's, free here.
    expect(resolved.url).toBe(`redis://127.0.0.1:${local.port}`);
    expect(lines.some((l) => String(l.msg).includes('started redis-server'))).toBe(true);

    const client = connect(resolved.url);
    expect(await client.ping()).toBe('PONG');
    await client.set('lt:test', 'kept');
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);

    // AOF persistence under <dataDir>/redis (Redis 7 keeps it in appendonlydir/).
    const redisDir = path.join(dataDir, 'redis');
    await new Promise((r) => setTimeout(r, 1200)); // appendfsync everysec
    const files = fs.readdirSync(redisDir, { recursive: true }).map(String);
    expect(files.some((f) => f.endsWith('.aof'))).toBe(true);
    const aof = files
      .filter((f) => /\.incr\.aof$/.test(f))
      .map((f) => fs.readFileSync(path.join(redisDir, f), 'utf8'))
      .join('');
    expect(aof).toContain('lt:test');
    expect(fs.existsSync(path.join(redisDir, 'managed-redis.json'))).toBe(true);

    const pid = resolved.managed!.pid!;
    await client.quit();
    await resolved.managed!.stop();
    expect(await probeRedis('127.0.0.1', local.port)).toBe('none');
    expect(() => process.kill(pid, 0)).toThrow();
    expect(fs.existsSync(path.join(redisDir, 'managed-redis.json'))).toBe(false);
    await resolved.managed!.stop(); // idempotent
  });

  it('picks another port when the preferred one is taken', async () => {
    const { logger } = captureLogger();
    const binary = findRedisServer()!;
    const managed = await startManagedRedis({ binary, dataDir, logger, preferredPort: 6379 });
    started.push(managed);
    expect(managed.url).not.toBe('redis://127.0.0.1:6379');
    expect(await connect(managed.url).ping()).toBe('PONG');
  });

  it('restarts a managed server that dies, on the same URL', async () => {
    const { logger, lines } = captureLogger();
    const managed = (await resolveRedis({ dataDir, logger, local: await quietLocal() })).managed!;
    started.push(managed);
    const first = managed.pid!;
    process.kill(first, 'SIGKILL');
    const deadline = Date.now() + 10000;
    while ((await probeRedis('127.0.0.1', Number(new URL(managed.url).port))) !== 'pong') {
      if (Date.now() > deadline) throw new Error('not restarted');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(managed.pid).not.toBe(first);
    expect(lines.some((l) => l.level === LEVEL.error && String(l.msg).includes('restarting'))).toBe(true);
  });

  it('refuses a data folder whose managed server belongs to a running gateway', async () => {
    const { logger } = captureLogger();
    const binary = findRedisServer()!;
    started.push(
      await startManagedRedis({ binary, dataDir, logger, preferredPort: await freePort('127.0.0.1') }),
    );
    await expect(startManagedRedis({ binary, dataDir, logger })).rejects.toMatchObject({
      code: 'LT_REDIS_DATA_DIR_BUSY',
    });
  });

  it('stops the orphan left by a gateway that was killed, then starts its own', async () => {
    const { logger, lines } = captureLogger();
    const binary = findRedisServer()!;
    const redisDir = path.join(dataDir, 'redis');
    fs.mkdirSync(redisDir);
    const port = await freePort('127.0.0.1');
    const orphan = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--save', ''],
      {
        stdio: 'ignore',
      },
    );
    const orphanExit = new Promise((r) => orphan.once('exit', r));
    while ((await probeRedis('127.0.0.1', port)) !== 'pong') await new Promise((r) => setTimeout(r, 50));
    // Its "gateway" is a process that has already exited.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.once('exit', r));
    fs.writeFileSync(
      path.join(redisDir, 'managed-redis.json'),
      JSON.stringify({ pid: orphan.pid, parentPid: dead.pid, port }),
    );

    const managed = await startManagedRedis({
      binary,
      dataDir,
      logger,
      preferredPort: await freePort('127.0.0.1'),
    });
    started.push(managed);
    await orphanExit;
    expect(lines.some((l) => l.level === LEVEL.warn && String(l.msg).includes('left behind'))).toBe(true);
    expect(await connect(managed.url).ping()).toBe('PONG');
  });

  it('says exactly what to do when there is no Redis and no redis-server binary', async () => {
    const { logger } = captureLogger();
    const local = await quietLocal();
    const err = (await resolveRedis({
      dataDir,
      logger,
      local,
      redisServerCandidates: [path.join(dataDir, 'no', 'redis-server')],
    }).catch((e: unknown) => e)) as LtError;
    expect(err).toMatchObject({ code: 'LT_REDIS_UNAVAILABLE', kind: 'unavailable' });
    // With the default 127.0.0.1:6379 this is word for word the message the CLI prints.
    expect(err.message).toBe(
      `No Redis: REDIS_URL is unset, nothing answers on 127.0.0.1:${local.port} and no redis-server binary was found. ` +
        'Install Redis (Debian/Ubuntu: apt-get install redis-server) or set REDIS_URL.',
    );
    expect(fs.existsSync(path.join(dataDir, 'redis'))).toBe(false);
  });

  it('warns when the eviction policy could drop queue data', async () => {
    const { logger, lines } = captureLogger();
    const managed = (await resolveRedis({ dataDir, logger, local: await quietLocal() })).managed!;
    started.push(managed);
    const client = connect(managed.url);

    expect(await checkEvictionPolicy(client, logger)).toBe('noeviction');
    expect(lines.filter((l) => l.level === LEVEL.warn)).toHaveLength(0);

    await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
    expect(await checkEvictionPolicy(client, logger)).toBe('allkeys-lru');
    const warnings = lines.filter((l) => l.level === LEVEL.warn);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toBe(
      'Redis maxmemory-policy is "allkeys-lru": queue data could be evicted under memory pressure. Set maxmemory-policy noeviction.',
    );
  });
});
