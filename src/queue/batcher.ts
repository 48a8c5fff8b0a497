/**
 * Group commit for the delivery path. Concurrent workers each need a short statement (take a lease,
 * record a delivery); a round trip to the database costs far more than the statement itself, so requests
 * that arrive while earlier ones are on their way are sent together as one multi-row statement. With no
 * load a request goes at once (no added latency); under load batches grow by themselves.
 */
type Pending<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };

export class Batcher<I, O> {
  private queue: Array<Pending<I, O>> = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: { maxBatch: number; maxInFlight: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.runBatch(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /**
   * One failing item (or a deadlock the database broke by aborting us) must not fail its neighbours: a
   * failed batch is retried item by item, and only an item that fails on its own is rejected.
   */
  private async runBatch(batch: Array<Pending<I, O>>): Promise<void> {
    try {
      const results = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i]));
    } catch (err) {
      if (batch.length === 1) {
        batch[0].reject(err);
        return;
      }
      for (const b of batch) {
        await this.run([b.item]).then(
          (r) => b.resolve(r[0]),
          (e: unknown) => b.reject(e),
        );
      }
    }
  }
}
