import { mulberry32, randomSeed } from './random';

/** What every simulator's fault set has: the seed of its dice. */
export interface Seeded {
  /** Seed of the random generator; setting it again restarts the sequence. */
  seed?: number;
}

/**
 * A simulator's fault set in force and the dice drawn against it. Without a seed the dice are still seeded
 * (randomly) and the seed is reported, so that any run can be replayed; a fault set without a seed keeps
 * the dice rolling where they were.
 */
export class FaultState<F extends Seeded> {
  private parsed = {} as F;
  private seedInUse: number | undefined;
  private generator = mulberry32(0);

  /** `parse` validates a fault set (and throws the simulator's own error); `initial` is parsed with it. */
  constructor(
    private readonly parse: (input: unknown) => F,
    initial: unknown,
  ) {
    this.set(initial);
  }

  /** The next number of the dice; a stable function, so it can be handed out once. */
  readonly random = (): number => this.generator();

  /** The fault set in force, as parsed: without the seed in use unless one was given. */
  get active(): F {
    return this.parsed;
  }

  get seed(): number | undefined {
    return this.seedInUse;
  }

  /** Replaces the whole fault set (an empty object heals); a `seed` restarts the dice. Returns {@link report}. */
  set(next: unknown): F {
    this.parsed = this.parse(next);
    if (this.parsed.seed !== undefined || this.seedInUse === undefined) {
      this.seedInUse = this.parsed.seed ?? randomSeed();
      this.generator = mulberry32(this.seedInUse);
    }
    return this.report();
  }

  /** The fault set with the seed in use, as `GET /_faults` answers it. */
  report(): F {
    return { ...this.parsed, seed: this.seedInUse };
  }
}

/** The faults that take a simulator down: a switch, and planned windows `[from, to)` of ISO 8601 instants. */
export interface OutageFaults {
  /** Answer every request 503 until healed. */
  outage?: boolean;
  /** Planned outages: down while the simulator clock is inside `[from, to)` (ISO 8601 instants). */
  outages?: Array<{ from: string; to: string }>;
}

/** Whether the simulator is down at `nowMs` (epoch ms): the `outage` switch, or inside a window. */
export function inOutage(faults: OutageFaults, nowMs: number): boolean {
  if (faults.outage) return true;
  return (faults.outages ?? []).some((w) => Date.parse(w.from) <= nowMs && nowMs < Date.parse(w.to));
}

const FAILURE_STATUSES = [500, 502, 503] as const;

/** The status of an injected failure from one draw in [0, 1): 500, 502 or 503, equally likely. */
export function failureStatus(draw: number): 500 | 502 | 503 {
  return FAILURE_STATUSES[Math.floor(draw * FAILURE_STATUSES.length)];
}

/**
 * How one key of a fault set is checked: a probability, a non-negative integer, a boolean, or a check of
 * the simulator's own that throws its error.
 */
export type FaultCheck = 'rate' | 'integer' | 'boolean' | ((value: unknown) => void);

/**
 * Validates a fault set from JSON (`POST /_faults`, command line, options) and names the offending key.
 * `checks` lists the known keys in the order the "unknown fault" message names them; undefined values are
 * dropped, the others kept in their input order. `fail` makes the simulator's own error from a detail.
 */
export function parseFaultSet<F>(
  input: unknown,
  checks: { [K in keyof Required<F>]: FaultCheck },
  fail: (detail: string) => Error,
): F {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw fail('faults: expected a JSON object');
  const known = new Map<string, FaultCheck>(Object.entries(checks));
  const faults: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const check = known.get(key);
    if (!check) throw fail(`faults.${key}: unknown fault; known: ${[...known.keys()].join(', ')}`);
    if (check === 'rate') {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        throw fail(`faults.${key}: a number from 0 to 1`);
    } else if (check === 'integer') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        throw fail(`faults.${key}: a non-negative integer`);
    } else if (check === 'boolean') {
      if (typeof value !== 'boolean') throw fail(`faults.${key}: true or false`);
    } else {
      check(value);
    }
    faults[key] = value;
  }
  return faults as F;
}

/**
 * The fault set of a service behind an nginx gateway (iGate, the VXP axis): random 500/502/503, slowness,
 * outages. Each simulator decides how its failures look (Spring JSON, nginx page, empty body).
 */
export interface GatewayFaults extends OutageFaults, Seeded {
  /** Answer 500, 502 or 503 with this probability, 0..1, storing nothing. */
  errorRate?: number;
  /** Fixed delay before every answer, in milliseconds. */
  latencyMs?: number;
}

/** Validates a {@link GatewayFaults} set from JSON; `fail` makes the simulator's own error from a detail. */
export function parseGatewayFaults(input: unknown, fail: (detail: string) => Error): GatewayFaults {
  const outages = (value: unknown): void => {
    if (!Array.isArray(value)) throw fail('faults.outages: an array of {from, to} ISO instants');
    value.forEach((w: unknown, i) => {
      const { from, to } = (w ?? {}) as { from?: unknown; to?: unknown };
      const start = typeof from === 'string' ? Date.parse(from) : NaN;
      const end = typeof to === 'string' ? Date.parse(to) : NaN;
      if (Number.isNaN(start) || Number.isNaN(end))
        throw fail(`faults.outages[${i}]: from and to must be ISO 8601 instants`);
      if (end <= start) throw fail(`faults.outages[${i}]: to must be after from`);
    });
  };
  return parseFaultSet<GatewayFaults>(
    input,
    { errorRate: 'rate', latencyMs: 'integer', outage: 'boolean', outages, seed: 'integer' },
    fail,
  );
}
