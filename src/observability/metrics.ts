import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every metric the gateway exports, on one registry per gateway instance (tests start several in one
 * process). Gauges that mirror stored state (queue depth, dead letters) are filled by collectors set in
 * `setCollectors`, read at scrape time rather than kept in memory.
 */
export interface GatewayMetrics {
  registry: Registry;
  deliveries: Counter<'target' | 'outcome'>;
  attemptDuration: Histogram<'target' | 'outcome'>;
  queueDepth: Gauge<'target' | 'state'>;
  deadLetters: Gauge<'target'>;
  inbound: Counter<'system' | 'verdict'>;
  circuitOpen: Gauge<'target'>;
}

export interface MetricCollectors {
  queueDepth?: () => Promise<Array<{ target: string; state: string; count: number }>>;
  deadLetters?: () => Promise<Array<{ target: string; count: number }>>;
  overdue?: () => Promise<number>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): GatewayMetrics & {
  setCollectors(c: MetricCollectors): void;
} {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'lienthong_' });
  let collectors: MetricCollectors = {};

  const queueDepth = new Gauge({
    name: 'lienthong_queue_depth',
    help: 'Jobs on each target queue by BullMQ state (waiting, active, delayed, failed)',
    labelNames: ['target', 'state'] as const,
    registers: [registry],
    async collect() {
      if (!collectors.queueDepth) return;
      this.reset();
      for (const row of await collectors.queueDepth())
        this.set({ target: row.target, state: row.state }, row.count);
    },
  });
  const deadLetters = new Gauge({
    name: 'lienthong_dead_letters',
    help: 'Open dead letters by target (messages that exhausted their attempts or were refused for good)',
    labelNames: ['target'] as const,
    registers: [registry],
    async collect() {
      if (!collectors.deadLetters) return;
      this.reset();
      for (const row of await collectors.deadLetters()) this.set({ target: row.target }, row.count);
    },
  });

  new Gauge({
    name: 'lienthong_dossiers_overdue',
    help: 'Open dossiers past their due date (working-day deadlines), now',
    registers: [registry],
    async collect() {
      if (!collectors.overdue) return;
      this.set(await collectors.overdue());
    },
  });

  return {
    registry,
    deliveries: new Counter({
      name: 'lienthong_deliveries_total',
      help: 'Delivery attempts by target and outcome (delivered, retry, dead, skipped)',
      labelNames: ['target', 'outcome'] as const,
      registers: [registry],
    }),
    attemptDuration: new Histogram({
      name: 'lienthong_delivery_attempt_duration_seconds',
      help: 'Duration of one delivery attempt to a target',
      labelNames: ['target', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    queueDepth,
    deadLetters,
    inbound: new Counter({
      name: 'lienthong_inbound_messages_total',
      help: 'Inbound messages by system and verdict (accepted, rejected, duplicate)',
      labelNames: ['system', 'verdict'] as const,
      registers: [registry],
    }),
    circuitOpen: new Gauge({
      name: 'lienthong_circuit_open',
      help: '1 while the circuit breaker of a target is open in this process',
      labelNames: ['target'] as const,
      registers: [registry],
    }),
    setCollectors(c: MetricCollectors) {
      collectors = c;
    },
  };
}
