import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger';

/**
 * Reads `maxmemory-policy` and warns when it is not `noeviction`: under memory pressure Redis would then
 * delete keys, and queue keys deleted are jobs lost or stuck. Managed services often disable CONFIG; that is
 * logged at debug level and `undefined` returned.
 */
export async function checkEvictionPolicy(connection: Redis, logger: Logger): Promise<string | undefined> {
  let reply: unknown;
  try {
    reply = await connection.call('CONFIG', ['GET', 'maxmemory-policy']);
  } catch (err) {
    logger.debug({ err }, 'cannot read Redis maxmemory-policy (CONFIG is disabled); not checked');
    return undefined;
  }
  const policy = policyOf(reply);
  if (policy !== undefined && policy !== 'noeviction') {
    logger.warn(
      { maxmemoryPolicy: policy },
      `Redis maxmemory-policy is "${policy}": queue data could be evicted under memory pressure. Set maxmemory-policy noeviction.`,
    );
  }
  return policy;
}

/** CONFIG GET answers a flat [name, value] list (RESP2, or RESP3 in legacy mapping) or a map. */
function policyOf(reply: unknown): string | undefined {
  if (Array.isArray(reply)) {
    const i = reply.findIndex((v) => String(v) === 'maxmemory-policy');
    return i >= 0 && reply[i + 1] !== undefined ? String(reply[i + 1]) : undefined;
  }
  if (reply instanceof Map)
    return reply.has('maxmemory-policy') ? String(reply.get('maxmemory-policy')) : undefined;
  if (reply && typeof reply === 'object') {
    const v = (reply as Record<string, unknown>)['maxmemory-policy'];
    return v === undefined ? undefined : String(v);
  }
  return undefined;
}
