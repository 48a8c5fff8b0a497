import { WorkCalendar, addOfficeTime, dueDate, workingMsBetween } from '../deadline';
import { ReferenceData } from '../mapping/reference';
import type { ProcedureDuration } from '../mapping/reference';
import type { Dossier, DossierStatus } from '../model';
import { validateDossier } from '../model';
import { readFixture } from '../model/__tests__/fixtures';
import { applyTransition } from './changes';
import { deadlineEnricher } from './deadlines';

// June 2025 has no holiday: law defaults are enough, and the year is marked decided.
const calendar = WorkCalendar.fromYears([
  { kind: 'calendar-year', year: 2025, source: 'test: law defaults only' },
]);
const LOCAL_CODE = '1.001612.000.00.00.H48';

function reference(duration: ProcedureDuration): ReferenceData {
  return new ReferenceData(
    new Map(),
    [],
    [{ local: LOCAL_CODE, national: '1.001612', name: 'Đăng ký thành lập hộ kinh doanh', duration }],
  );
}

const THREE_DAYS: ProcedureDuration = { value: 3, unit: 'working_days' };
const enrich = deadlineEnricher(calendar, reference(THREE_DAYS));

/** Vietnamese local time `YYYY-MM-DD HH:mm` as a UTC ISO string. */
const vn = (local: string): string => new Date(`${local.replace(' ', 'T')}:00+07:00`).toISOString();

/** Received Monday 2025-06-02 09:00 local; due three working days later, Thursday 09:00. */
const RECEIVED = vn('2025-06-02 09:00');
const DUE = vn('2025-06-05 09:00');

/** A dossier as the service hands it to the enricher: no due date yet, unless a partner sent one. */
function incoming(times: Partial<Dossier['times']> = {}, status: DossierStatus = 'received'): Dossier {
  const d = validateDossier(readFixture('online-citizen-received.json'));
  return {
    ...d,
    status,
    times: { submittedAt: vn('2025-06-02 08:10'), ...times },
    progress: [{ status, at: times.receivedAt ?? vn('2025-06-02 08:10') }],
  };
}

/** One step as the service applies it, then enriched against the stored version. */
function move(stored: Dossier, to: DossierStatus, at: string, using = enrich): Dossier {
  return using(applyTransition(stored, { to, at }, 'officer'), stored);
}

describe('deadlineEnricher', () => {
  it('computes the due date on reception and marks it as the gateway’s', () => {
    const registered = enrich(incoming({}, 'registered'), undefined);
    expect(registered.times.dueAt).toBeUndefined();
    expect(registered.times.dueAtSource).toBeUndefined();

    const received = move(registered, 'received', RECEIVED);
    expect(received.times.receivedAt).toBe(RECEIVED);
    expect(received.times.dueAt).toBe(DUE);
    expect(received.times.dueAtSource).toBe('gateway');
    expect(received.supplements).toBeUndefined();
  });

  it('computes it for a dossier created already received', () => {
    const d = enrich(incoming({ receivedAt: RECEIVED }), undefined);
    expect(d.times).toMatchObject({ dueAt: DUE, dueAtSource: 'gateway' });
  });

  it('extends the due date by exactly the paused office time when a supplement is answered', () => {
    const received = enrich(incoming({ receivedAt: RECEIVED }), undefined);
    const processing = move(received, 'processing', vn('2025-06-02 10:00'));
    const requestedAt = vn('2025-06-03 10:00');
    const answeredAt = vn('2025-06-03 15:00');

    const waiting = move(processing, 'supplement_requested', requestedAt);
    expect(waiting.times.dueAt).toBe(DUE);
    expect(waiting.supplements).toEqual([
      { id: 'bs-1', requestedAt, status: 'requested', previousDueAt: DUE },
    ]);

    const answered = move(waiting, 'processing', answeredAt);
    const paused = workingMsBetween(calendar, new Date(requestedAt), new Date(answeredAt));
    expect(paused).toBe(3 * 3_600_000); // 10:00–11:30 and 13:30–15:00
    const extended = addOfficeTime(calendar, new Date(DUE), paused).toISOString();
    expect(extended).toBe(vn('2025-06-05 14:00'));
    expect(answered.times.dueAt).toBe(extended);
    expect(answered.times.dueAtSource).toBe('gateway');
    expect(answered.supplements).toEqual([
      {
        id: 'bs-1',
        requestedAt,
        status: 'submitted',
        submittedAt: answeredAt,
        previousDueAt: DUE,
        newDueAt: extended,
      },
    ]);

    // A later step keeps the extended date and the closed supplement as they are.
    const resolved = move(answered, 'resolved', vn('2025-06-04 09:00'));
    expect(resolved.times.dueAt).toBe(extended);
    expect(resolved.supplements).toEqual(answered.supplements);
  });

  it('closes the supplement as submitted when the answer goes back to reception', () => {
    const received = enrich(incoming({ receivedAt: RECEIVED }), undefined);
    const waiting = move(received, 'supplement_requested', vn('2025-06-02 14:00'));
    const back = move(waiting, 'received', vn('2025-06-02 16:00'));
    expect(back.supplements?.[0]).toMatchObject({ status: 'submitted', submittedAt: vn('2025-06-02 16:00') });
    expect(back.times.dueAt).toBe(vn('2025-06-05 11:00'));
  });

  it('cancels the supplement when the dossier leaves it by withdrawal, without extending', () => {
    const received = enrich(incoming({ receivedAt: RECEIVED }), undefined);
    const processing = move(received, 'processing', vn('2025-06-02 10:00'));
    const waiting = move(processing, 'supplement_requested', vn('2025-06-03 10:00'));
    const withdrawn = move(waiting, 'withdrawn', vn('2025-06-03 15:00'));
    expect(withdrawn.supplements).toEqual([
      { id: 'bs-1', requestedAt: vn('2025-06-03 10:00'), status: 'cancelled', previousDueAt: DUE },
    ]);
    expect(withdrawn.times.dueAt).toBe(DUE);
    expect(withdrawn.times.dueAtSource).toBe('gateway');
  });

  it('counts a jump past the answer (a poll that missed the step back to processing) as answered', () => {
    const received = enrich(incoming({ receivedAt: RECEIVED }), undefined);
    const waiting = move(received, 'supplement_requested', vn('2025-06-03 10:00'));
    const resolved = move(waiting, 'resolved', vn('2025-06-03 15:00'));
    expect(resolved.supplements?.[0]).toMatchObject({
      status: 'submitted',
      submittedAt: vn('2025-06-03 15:00'),
    });
    expect(resolved.times.dueAt).toBe(vn('2025-06-05 14:00')); // extended by the 3 paused office hours
  });

  it('keeps a partner-supplied due date, marks it partner, and never recomputes it later', () => {
    const partnerDue = vn('2025-06-10 17:00');
    const received = enrich(incoming({ receivedAt: RECEIVED, dueAt: partnerDue }), undefined);
    expect(received.times).toMatchObject({ dueAt: partnerDue, dueAtSource: 'partner' });

    const processing = move(received, 'processing', vn('2025-06-02 10:00'));
    const waiting = move(processing, 'supplement_requested', vn('2025-06-03 10:00'));
    const answered = move(waiting, 'processing', vn('2025-06-03 15:00'));
    for (const d of [processing, waiting, answered]) {
      expect(d.times).toMatchObject({ dueAt: partnerDue, dueAtSource: 'partner' });
    }
    // The partner owns the date: the gateway records the supplement but not a new due date of its own.
    expect(answered.supplements?.[0]).toMatchObject({ status: 'submitted', previousDueAt: partnerDue });
    expect(answered.supplements?.[0].newDueAt).toBeUndefined();

    // Not even under another procedure duration.
    const other = deadlineEnricher(calendar, reference({ value: 1, unit: 'working_days' }));
    const resolved = move(answered, 'resolved', vn('2025-06-04 09:00'), other);
    expect(resolved.times).toMatchObject({ dueAt: partnerDue, dueAtSource: 'partner' });
  });

  it('takes a new due date sent by the partner over the gateway’s', () => {
    const received = enrich(incoming({ receivedAt: RECEIVED }), undefined);
    const partnerDue = vn('2025-06-12 17:00');
    const next = {
      ...received,
      version: received.version + 1,
      times: { ...received.times, dueAt: partnerDue },
    };
    expect(enrich(next, received).times).toMatchObject({ dueAt: partnerDue, dueAtSource: 'partner' });
  });

  it('keeps a gateway date gateway-owned across a change of the procedure duration', () => {
    const stored = enrich(incoming({ receivedAt: RECEIVED }), undefined);
    expect(stored.times).toMatchObject({ dueAt: DUE, dueAtSource: 'gateway' });
    const five = deadlineEnricher(calendar, reference({ value: 5, unit: 'working_days' }));
    const next = move(stored, 'processing', vn('2025-06-02 10:00'), five);
    const expected = dueDate(calendar, new Date(RECEIVED), { value: 5, unit: 'working_days' }).toISOString();
    expect(expected).toBe(vn('2025-06-09 09:00'));
    expect(next.times).toMatchObject({ dueAt: expected, dueAtSource: 'gateway' });
  });

  it('leaves the due date alone when the procedure has no duration in the map', () => {
    const none = deadlineEnricher(calendar, new ReferenceData(new Map(), [], []));
    const d = none(incoming({ receivedAt: RECEIVED }), undefined);
    expect(d.times.dueAt).toBeUndefined();
    expect(d.times.dueAtSource).toBeUndefined();
  });
});
