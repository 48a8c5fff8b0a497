/** One accepted request, in arrival order. `at` is the arrival time in epoch milliseconds. */
export interface ReceivedDelivery {
  messageId: string;
  dossier: string;
  seq: number;
  type: string;
  eventId: string;
  attempt: number;
  at: number;
  /** This message id had been accepted before. */
  duplicate: boolean;
}

/** How each request was answered, besides the accepted ones in `received`. */
export interface AnswerCounts {
  /** Refused by strict validation (400/401): a gateway bug or a bad signature. */
  refused: number;
  /** Refused with 422 by the rejectRate / rejectSubjects faults. */
  rejected: number;
  /** Answered 500/502/503 by the failureRate fault. */
  failed: number;
  rateLimited: number;
  outage: number;
  /** Accepted and recorded, but answered late by the timeoutRate fault. */
  delayed: number;
  /** The sender went away during `latencyMs`, before the message was recorded. */
  abandoned: number;
}

/**
 * What the simulated receiver saw. Duplicates are kept in `received` (they are what at-least-once
 * delivery looks like from the receiving side) and counted; `orderViolations` counts arrivals whose
 * `seq` is lower than one already accepted for the same dossier, which per-dossier ordering forbids.
 */
export class WebhookSimulatorState {
  readonly received: ReceivedDelivery[] = [];
  duplicates = 0;
  orderViolations = 0;
  readonly answers: AnswerCounts = emptyCounts();
  private readonly seen = new Set<string>();
  private readonly highestSeq = new Map<string, number>();

  record(delivery: Omit<ReceivedDelivery, 'duplicate' | 'at'>, at: number = Date.now()): ReceivedDelivery {
    const duplicate = this.seen.has(delivery.messageId);
    if (duplicate) this.duplicates += 1;
    this.seen.add(delivery.messageId);
    const highest = this.highestSeq.get(delivery.dossier) ?? 0;
    if (delivery.seq < highest) this.orderViolations += 1;
    else this.highestSeq.set(delivery.dossier, delivery.seq);
    const entry = { ...delivery, at, duplicate };
    this.received.push(entry);
    return entry;
  }

  /**
   * Message ids accepted for one dossier in arrival order, duplicates included; with `unique`, each id
   * once at its first arrival (what an idempotent consumer applied).
   */
  byDossier(code: string, options: { unique?: boolean } = {}): string[] {
    const ids = this.received
      .filter((r) => r.dossier === code && !(options.unique && r.duplicate))
      .map((r) => r.messageId);
    return ids;
  }

  /** The counts served by `GET /_state`. */
  summary(): Record<string, number> {
    return {
      received: this.received.length,
      unique: this.seen.size,
      duplicates: this.duplicates,
      orderViolations: this.orderViolations,
      dossiers: this.highestSeq.size,
      ...this.answers,
    };
  }

  reset(): void {
    this.received.length = 0;
    this.duplicates = 0;
    this.orderViolations = 0;
    Object.assign(this.answers, emptyCounts());
    this.seen.clear();
    this.highestSeq.clear();
  }
}

function emptyCounts(): AnswerCounts {
  return { refused: 0, rejected: 0, failed: 0, rateLimited: 0, outage: 0, delayed: 0, abandoned: 0 };
}
