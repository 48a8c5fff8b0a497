import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import { DVCQG_SERVICES, isDvcqgSuccess } from '../../adapters/dvcqg/wire';

/** A change as the portal sees it: the dossier and the TrangThai it moved to. */
export interface ChangeKey {
  code: string;
  status: string;
}

const keyOf = (code: unknown, status: unknown): string => `${String(code)}\u0000${String(status)}`;

/**
 * When the portal answered, with success, each change's `CapNhatTienDoHoSoMC` (performance.now() of the
 * answer; the simulator stores before it answers). That is the last call of a change on both sides, so
 * the change is complete there. Recorded as the answers go out, by a middleware in front of the
 * simulator, so that finding out whether a round is over costs the same on both sides and nothing per
 * poll; the first success of a change counts.
 */
export class Receipts {
  private readonly progressed = new Map<string, number>();
  private waiter?: { pending: Set<string>; done: () => void };

  /** Observes generation-1 `POST /service` answers; put it before the simulator's router. */
  readonly middleware: RequestHandler = (req, res, next) => {
    if (req.method !== 'POST' || req.path !== '/service') return next();
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      // req.body is the envelope by now: the simulator's own JSON parser ran before it answered.
      if (res.statusCode === 200 && isDvcqgSuccess((body as { error_code?: unknown })?.error_code))
        this.record(req.body as unknown, performance.now());
      return json(body);
    };
    next();
  };

  progressAt(change: ChangeKey): number | undefined {
    return this.progressed.get(keyOf(change.code, change.status));
  }

  /** Resolves once the progress of every change is stored; rejects after `timeoutMs` naming how many are not. */
  whenProgressed(changes: ChangeKey[], timeoutMs: number): Promise<void> {
    if (this.waiter) throw new Error('one wait at a time');
    const pending = new Set(
      changes.map((c) => keyOf(c.code, c.status)).filter((key) => !this.progressed.has(key)),
    );
    if (pending.size === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(
          new Error(
            `timed out after ${timeoutMs} ms: ${pending.size} of ${changes.length} changes have no progress at the portal`,
          ),
        );
      }, timeoutMs);
      this.waiter = {
        pending,
        done: () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve();
        },
      };
    });
  }

  private record(envelope: unknown, at: number): void {
    const { service, data } = (envelope ?? {}) as { service?: unknown; data?: unknown };
    if (service !== DVCQG_SERVICES.progress || !Array.isArray(data)) return;
    for (const entry of data as Array<Record<string, unknown>>) {
      const key = keyOf(entry.MaHoSo, entry.TrangThai);
      if (this.progressed.has(key)) continue;
      this.progressed.set(key, at);
      const waiter = this.waiter;
      if (waiter && waiter.pending.delete(key) && waiter.pending.size === 0) waiter.done();
    }
  }
}
