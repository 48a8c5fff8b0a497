import os from 'node:os';
import type { StateStore } from '../../src/adapter/contract';
import type { LtError } from '../../src/errors';
import { PollLoop } from '../../src/adapter/poll-loop';
import type { VxpClient } from './client';
import { receivePackage } from './receive';
import type { ReceiveDeps, ReceiveResult } from './receive';
import type { VxpMessageType } from './wire';

export interface VxpPollConfig {
  /** @defaultValue 5000 */
  intervalMs?: number;
  /** Time limit of one axis call. @defaultValue 30000 */
  timeoutMs?: number;
}

const LEASE_KEY = 'vxp-poll-lease';
/** Documents first: a status message may answer a transfer that arrives in the same pass. */
const KINDS: VxpMessageType[] = ['edoc', 'status'];

/**
 * Pulls what the axis holds for our agencies (`getReceivedEdocList`, documents then status messages),
 * downloads each package, runs it through the edge and the canonical change, and only then acknowledges
 * it: `done` once it is stored (or recognised as one we already have), `fail` once refused with its reason
 * logged. A package whose processing failed for a passing reason (the database away, a CA's revocation list
 * out of reach) is not acknowledged, so the axis offers it again at the next pass, and the packages after it
 * still go through: nothing received is lost, nothing is applied twice (the
 * received-packages table recognises it). One gateway process polls at a time (a lease).
 */
export class VxpPoller extends PollLoop {
  private readonly holder: string;

  constructor(
    private readonly client: VxpClient,
    private readonly config: VxpPollConfig,
    private readonly deps: ReceiveDeps & { state: StateStore; instanceId?: string },
  ) {
    super({ intervalMs: config.intervalMs ?? 5000, logger: deps.logger, name: 'vxp poll' });
    this.holder = deps.instanceId ?? `${os.hostname()}-${process.pid}`;
  }

  /** One pass over both lists; returns what happened to each package (for tests and the log). */
  async pass(): Promise<ReceiveResult[]> {
    const leaseMs = 2 * (this.config.intervalMs ?? 5000) + 4 * (this.config.timeoutMs ?? 30_000);
    if (!(await this.deps.state.lease(LEASE_KEY, this.holder, leaseMs))) return [];
    const results: ReceiveResult[] = [];
    const ctx = { timeoutMs: this.config.timeoutMs ?? 30_000 };
    for (const messagetype of KINDS) {
      const { items } = await this.client.getReceivedEdocList({ messagetype }, ctx);
      for (const item of items) {
        if (this.stopped) return results;
        const { edxml } = await this.client.getEdoc(item.docId, ctx);
        let result: ReceiveResult;
        try {
          result = await receivePackage(edxml, this.deps, {
            exchangeId: item.docId,
            sender: item.from || undefined,
          });
        } catch (err) {
          // Not acknowledged, so offered again next pass; the packages after it are not held up by it.
          this.deps.logger.warn(
            { exchangeId: item.docId, err: (err as Error).message, code: (err as LtError).code },
            'vxp package not processed; left on the axis for the next pass',
          );
          continue;
        }
        await this.client.updateStatus(item.docId, result.outcome === 'refused' ? 'fail' : 'done', ctx);
        results.push(result);
        await this.deps.state.lease(LEASE_KEY, this.holder, leaseMs);
      }
    }
    return results;
  }
}
