/**
 * Redis for the queues on any machine: an explicit `REDIS_URL`, a local server, or a redis-server the gateway
 * manages itself; plus the connection options BullMQ needs and the eviction-policy check.
 */
export { resolveRedis, LOCAL_REDIS } from './resolve';
export type { ResolveRedisOptions, ResolvedRedis } from './resolve';
export { startManagedRedis } from './managed';
export type { ManagedRedis, StartManagedRedisOptions } from './managed';
export { checkEvictionPolicy } from './eviction';
export { redisConnectionOptions } from './options';
export { findRedisServer, redisServerCandidates, REDIS_SERVER_LOCATIONS } from './binary';
export { probeRedis } from './probe';
