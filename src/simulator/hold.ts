/**
 * Requests a simulator is holding on purpose (latency, late answers), so that closing it releases them at
 * once instead of leaving a server waiting for its slowest timer.
 */
export class Holds {
  private readonly pending = new Set<() => void>();

  /**
   * Waits `ms`, or less if {@link releaseAll} comes first; resolves whether the sender is still there
   * (false when it went away meanwhile).
   */
  wait(ms: number, res: { readonly destroyed: boolean }): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(!res.destroyed);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.pending.delete(done);
        resolve(!res.destroyed);
      };
      const timer = setTimeout(done, ms);
      this.pending.add(done);
    });
  }

  releaseAll(): void {
    for (const release of [...this.pending]) release();
  }
}
