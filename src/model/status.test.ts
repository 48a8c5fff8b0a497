import { LtError } from '../errors/lt-error';
import {
  DOSSIER_STATUSES,
  DOSSIER_TRANSITIONS,
  INITIAL_STATUSES,
  TERMINAL_STATUSES,
  allowedNext,
  assertTransition,
  canTransition,
  isDossierStatus,
} from './status';
import type { DossierStatus } from './status';
import { loadMappings } from '../mapping';
import { MAPPINGS_DIR } from '../paths';

/** The contract other modules rely on, written out independently of the implementation. */
const EXPECTED_TRANSITIONS: Record<DossierStatus, DossierStatus[]> = {
  registered: ['received', 'rejected', 'withdrawn'],
  received: [
    'processing',
    'supplement_requested',
    'payment_requested',
    'resolved',
    'withdrawn',
    'stopped',
    'rejected',
  ],
  processing: ['supplement_requested', 'payment_requested', 'resolved', 'stopped', 'withdrawn'],
  supplement_requested: ['processing', 'received', 'withdrawn', 'stopped'],
  payment_requested: ['processing', 'withdrawn', 'stopped', 'resolved'],
  // received and registered: Hà Giang reports a re-open as DVCQG code 2 or 1 (spec §1.4).
  resolved: ['returned', 'processing', 'received', 'registered'],
  rejected: [],
  withdrawn: [],
  stopped: [],
  returned: [],
};

const ALL_PAIRS = DOSSIER_STATUSES.flatMap((from) => DOSSIER_STATUSES.map((to) => [from, to] as const));

function thrown(fn: () => void): LtError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LtError) return err;
    throw err;
  }
  throw new Error('expected an LtError');
}

describe('DVCQG status codes', () => {
  // The code table lives in mappings/dvcqg/status.yaml (data, editable); the status list keeps its order.
  const ref = loadMappings(MAPPINGS_DIR).ref;

  it('maps the statuses to 1..10 in order and back', () => {
    expect(DOSSIER_STATUSES.map((s) => ref.reverse('dvcqg-status', s))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    for (let code = 1; code <= 10; code++) {
      expect(ref.reverse('dvcqg-status', ref.code('dvcqg-status', code))).toBe(String(code));
    }
  });

  it.each([0, 11, -1, '', 'abc', '02'])('knows no status for %p', (code) => {
    expect(ref.code('dvcqg-status', code)).toBeUndefined();
  });
});

describe('transition table', () => {
  it('is exactly the documented contract', () => {
    for (const s of DOSSIER_STATUSES)
      expect([...DOSSIER_TRANSITIONS[s]].sort()).toEqual([...EXPECTED_TRANSITIONS[s]].sort());
  });

  it('starts registered or received and ends in the four terminal statuses', () => {
    expect(INITIAL_STATUSES).toEqual(['registered', 'received']);
    expect([...TERMINAL_STATUSES].sort()).toEqual(['rejected', 'returned', 'stopped', 'withdrawn']);
  });

  it.each(ALL_PAIRS.filter(([f, t]) => EXPECTED_TRANSITIONS[f].includes(t)))('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(ALL_PAIRS.filter(([f, t]) => !EXPECTED_TRANSITIONS[f].includes(t)))(
    'refuses %s → %s',
    (from, to) => {
      expect(canTransition(from, to)).toBe(false);
      const err = thrown(() => assertTransition(from, to));
      expect(err.code).toBe('LT_MODEL_INVALID_TRANSITION');
      expect(err.kind).toBe('conflict');
      expect(err.httpStatus).toBe(409);
      expect(err.details).toEqual({ from, to, allowed: EXPECTED_TRANSITIONS[from] });
      expect(err.detail).toContain(`from ${from} to ${to}`);
      const allowed = EXPECTED_TRANSITIONS[from];
      if (allowed.length === 0) expect(err.detail).toContain(`${from} is terminal`);
      else expect(err.detail).toContain(`allowed next: ${allowed.join(', ')}`);
    },
  );

  it('refuses staying in the same status, saying why', () => {
    const err = thrown(() => assertTransition('processing', 'processing'));
    expect(err.detail).toBe(
      'dossier cannot move from processing to processing (already in that status); ' +
        'allowed next: supplement_requested, payment_requested, resolved, stopped, withdrawn',
    );
  });

  it('reaches every status from an initial one, and a terminal one from every status', () => {
    const reach = (start: readonly DossierStatus[]): Set<DossierStatus> => {
      const seen = new Set(start);
      for (const s of seen) allowedNext(s).forEach((n) => seen.add(n));
      return seen;
    };
    expect(reach(INITIAL_STATUSES).size).toBe(DOSSIER_STATUSES.length);
    for (const s of DOSSIER_STATUSES) expect(TERMINAL_STATUSES.some((t) => reach([s]).has(t))).toBe(true);
  });

  it('treats an unknown status from untyped input as having no way out', () => {
    expect(allowedNext('toString' as DossierStatus)).toEqual([]);
    expect(canTransition('toString' as DossierStatus, 'received')).toBe(false);
    expect(isDossierStatus('toString')).toBe(false);
    expect(isDossierStatus('received')).toBe(true);
  });
});
