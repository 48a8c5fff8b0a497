import type { RetryPolicy } from '../adapter/contract';
import { LtError } from '../errors';
import type { GatewayConfig, RetryPolicyOverride } from './types';

/**
 * The retry policy of one system: `delivery.policy` with `systems.<name>.retry` deep-merged over it, so that
 * `retry: { backoff: { maxMs: 60000 } }` changes only that one number.
 *
 * @throws LtError `LT_CONFIG_UNKNOWN_SYSTEM` when the configuration has no block for the system.
 */
export function effectivePolicy(
  config: Pick<GatewayConfig, 'delivery' | 'systems'>,
  systemName: string,
): RetryPolicy {
  const system = config.systems[systemName];
  if (!system) {
    throw new LtError('LT_CONFIG_UNKNOWN_SYSTEM', 'not_found', `systems.${systemName} is not configured`);
  }
  return mergePolicy(config.delivery.policy, system.retry);
}

export function mergePolicy(base: RetryPolicy, override: RetryPolicyOverride | undefined): RetryPolicy {
  const o = override ?? {};
  return {
    attempts: o.attempts ?? base.attempts,
    backoff: { ...base.backoff, ...o.backoff },
    timeoutMs: o.timeoutMs ?? base.timeoutMs,
    circuitBreaker: { ...base.circuitBreaker, ...o.circuitBreaker },
  };
}
