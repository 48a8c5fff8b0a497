import type { HealthCheck } from '../deps';

export const passing = (name: string): HealthCheck => ({ name, check: async () => undefined });

export const failing = (name: string, reason: string): HealthCheck => ({
  name,
  check: async () => {
    throw new Error(reason);
  },
});

/** Never settles: the readiness timeout must cut it short. */
export const hanging = (name: string): HealthCheck => ({
  name,
  check: () => new Promise<void>(() => undefined),
});
