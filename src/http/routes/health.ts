import { Router } from 'express';
import { LtError } from '../../errors';
import type { HealthCheck } from '../deps';
import { HttpCodes } from '../http-errors';

export interface HealthOptions {
  /** How long one dependency check may take before it counts as failed. @defaultValue 2000 */
  timeoutMs?: number;
}

async function run(check: HealthCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return 'ok';
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return reason.slice(0, 200) || 'failed';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness says the process answers; readiness says its dependencies answer too, so a load balancer
 * stops sending traffic to an instance that cannot reach Redis or the database.
 */
export function healthRoutes(checks: HealthCheck[], options: HealthOptions = {}): Router {
  const timeoutMs = options.timeoutMs ?? 2000;
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const results = await Promise.all(checks.map(async (c) => [c.name, await run(c, timeoutMs)] as const));
    const failed = results.filter(([, result]) => result !== 'ok');
    const body = Object.fromEntries(results);
    if (failed.length === 0) {
      res.json({ status: 'ready', checks: body });
      return;
    }
    const detail = `not ready: ${failed.map(([name, reason]) => `${name}: ${reason}`).join('; ')}`;
    throw new LtError(HttpCodes.notReady, 'unavailable', detail, { details: { checks: body } });
  });
  return router;
}
