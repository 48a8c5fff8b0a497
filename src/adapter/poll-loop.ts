import type { Logger } from 'pino';

/** Options of a {@link PollLoop}. */
export interface PollLoopOptions {
  /** Pause between the end of a pass and the start of the next. */
  intervalMs: number;
  /** Where a failed pass is reported (`warn`). */
  logger: Pick<Logger, 'warn'>;
  /** Names the poller in the log, e.g. `igate poll`. */
  name: string;
}

/**
 * A poller's loop: runs {@link pass}, waits `intervalMs` after it ends, and runs it again, until stopped.
 * Passes never overlap, whatever their length. A failed pass is logged (its message and code) and the loop
 * goes on: the next pass is the retry. Timers are unref'd, so a loop never keeps the process alive alone.
 */
export abstract class PollLoop {
  // ES private fields: subclasses keep their own names free.
  #timer?: NodeJS.Timeout;
  #running?: Promise<void>;
  /** Set by {@link stop} (cleared by {@link start}): a long pass checks it to end early. */
  protected stopped = false;

  constructor(private readonly loopOptions: PollLoopOptions) {}

  /** One pass over the source; subclasses may make it public (tests, a manual run). */
  protected abstract pass(): Promise<unknown>;

  /** Runs the first pass at once, then one every interval. Call once (again only after {@link stop}). */
  start(): void {
    this.stopped = false;
    this.#schedule(0);
  }

  /** Cancels the next pass and resolves once the one running (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(ms: number): void {
    if (this.stopped) return;
    const { intervalMs, logger, name } = this.loopOptions;
    this.#timer = setTimeout(() => {
      this.#running = this.pass()
        .then(() => undefined)
        .catch((err: unknown) =>
          logger.warn(
            {
              err: err instanceof Error ? err.message : String(err),
              code: (err as { code?: unknown })?.code,
            },
            `${name} pass failed; retrying at the next interval`,
          ),
        )
        .finally(() => this.#schedule(intervalMs));
    }, ms);
    this.#timer.unref?.();
  }
}
