import { FaultState, failureStatus, inOutage, parseFaultSet, parseGatewayFaults } from './faults';
import { mulberry32 } from './random';

interface TestFaults {
  errorRate?: number;
  latencyMs?: number;
  outage?: boolean;
  names?: string[];
  seed?: number;
}

const parse = (input: unknown): TestFaults =>
  parseFaultSet<TestFaults>(
    input,
    {
      errorRate: 'rate',
      latencyMs: 'integer',
      outage: 'boolean',
      names: (value) => {
        if (!Array.isArray(value)) throw new Error('faults.names: an array');
      },
      seed: 'integer',
    },
    (detail) => new Error(detail),
  );

describe('parseFaultSet', () => {
  it('names the offending key, and the known keys in their declared order', () => {
    expect(() => parse([])).toThrow('faults: expected a JSON object');
    expect(() => parse({ toString: 1 })).toThrow(
      'faults.toString: unknown fault; known: errorRate, latencyMs, outage, names, seed',
    );
    expect(() => parse({ errorRate: 1.5 })).toThrow('faults.errorRate: a number from 0 to 1');
    expect(() => parse({ seed: -1 })).toThrow('faults.seed: a non-negative integer');
    expect(() => parse({ outage: 'yes' })).toThrow('faults.outage: true or false');
    expect(() => parse({ names: 'a' })).toThrow('faults.names: an array');
  });

  it('keeps the input order and drops undefined values', () => {
    const parsed = parse({ seed: 3, latencyMs: undefined, names: ['a'], errorRate: 0 });
    expect(Object.keys(parsed)).toEqual(['seed', 'names', 'errorRate']);
  });
});

describe('FaultState', () => {
  const draws = (random: () => number, n = 4): number[] => Array.from({ length: n }, random);

  it('seeds the dice from the fault set, and reports the seed', () => {
    const faults = new FaultState(parse, { errorRate: 0.5, seed: 7 });
    expect(faults.report()).toEqual({ errorRate: 0.5, seed: 7 });
    expect(draws(faults.random)).toEqual(draws(mulberry32(7)));
  });

  it('picks and reports a seed when given none; a set without one keeps the dice rolling', () => {
    const faults = new FaultState(parse, {});
    const seed = faults.seed as number;
    expect(Number.isInteger(seed)).toBe(true);
    const replay = mulberry32(seed);
    expect(draws(faults.random)).toEqual(draws(replay));
    expect(faults.set({ outage: true })).toEqual({ outage: true, seed });
    expect(faults.active).toEqual({ outage: true });
    expect(draws(faults.random)).toEqual(draws(replay));
    faults.set({ seed });
    expect(draws(faults.random)).toEqual(draws(mulberry32(seed)));
  });

  it('keeps the fault set in force when a new one is refused', () => {
    const faults = new FaultState(parse, { latencyMs: 5, seed: 1 });
    expect(() => faults.set({ latencyMs: -1 })).toThrow('faults.latencyMs: a non-negative integer');
    expect(faults.report()).toEqual({ latencyMs: 5, seed: 1 });
  });
});

describe('inOutage and failureStatus', () => {
  const window = { from: '2025-07-01T02:00:00Z', to: '2025-07-01T03:00:00Z' };
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);

  it('is down with the switch, or inside a window [from, to)', () => {
    expect(inOutage({ outage: true }, 0)).toBe(true);
    expect(inOutage({ outages: [window] }, from - 1)).toBe(false);
    expect(inOutage({ outages: [window] }, from)).toBe(true);
    expect(inOutage({ outages: [window] }, to - 1)).toBe(true);
    expect(inOutage({ outages: [window] }, to)).toBe(false);
  });

  it('maps a draw to 500, 502 or 503 in equal thirds', () => {
    expect([0, 0.33, 0.34, 0.66, 0.67, 0.999].map(failureStatus)).toEqual([500, 500, 502, 502, 503, 503]);
  });
});

describe('parseGatewayFaults', () => {
  const parse = (input: unknown) => parseGatewayFaults(input, (detail) => new Error(detail));

  it('keeps the gateway keys', () => {
    const faults = {
      errorRate: 0.2,
      latencyMs: 10,
      outage: false,
      outages: [{ from: '2025-07-01T02:00:00Z', to: '2025-07-01T03:00:00Z' }],
      seed: 9,
    };
    expect(parse(faults)).toEqual(faults);
  });

  it('names the bad window, and the known keys', () => {
    expect(() => parse({ outages: 'soon' })).toThrow('faults.outages: an array of {from, to} ISO instants');
    expect(() => parse({ outages: [null] })).toThrow(
      'faults.outages[0]: from and to must be ISO 8601 instants',
    );
    const backwards = { from: '2025-07-01T03:00:00Z', to: '2025-07-01T02:00:00Z' };
    expect(() => parse({ outages: [backwards] })).toThrow('faults.outages[0]: to must be after from');
    expect(() => parse({ failureRate: 1 })).toThrow(
      'faults.failureRate: unknown fault; known: errorRate, latencyMs, outage, outages, seed',
    );
  });
});
