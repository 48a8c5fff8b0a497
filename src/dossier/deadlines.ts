import type { Duration, Pause, WorkCalendar } from '../deadline';
import { dueDate } from '../deadline';
import type { ReferenceData } from '../mapping';
import type { Dossier, Supplement } from '../model';
import type { DossierEnricher } from './service';

/**
 * Due dates the gateway owns. A partner that sends its own due date (iGate's appointmentDate) is the
 * authority for it; the gateway computes one only when none came, from the procedure map's time limit and
 * the working-day calendar, and then keeps it right when supplement periods stop the clock. Who set the
 * date is stored (`times.dueAtSource`), not guessed.
 *
 * Supplement periods (yêu cầu bổ sung) are recorded here too: entering `supplement_requested` opens one;
 * the dossier going on (processing, reception, or further when a poll missed a step) closes it as submitted,
 * the dossier ending there (withdrawn, stopped, rejected) as cancelled, which stops no clock.
 */
function closedPauses(supplements: Supplement[] | undefined): Pause[] {
  return (supplements ?? [])
    .filter((s) => s.status !== 'cancelled' && s.submittedAt !== undefined)
    .map((s) => ({ from: new Date(s.requestedAt), to: new Date(s.submittedAt as string) }));
}

function lastStepAt(d: Dossier): string {
  return d.progress[d.progress.length - 1]?.at ?? new Date().toISOString();
}

function withSupplements(next: Dossier, previous: Dossier | undefined): Supplement[] | undefined {
  const list = [...(next.supplements ?? [])];
  const entered = next.status === 'supplement_requested' && previous?.status !== 'supplement_requested';
  const left = previous?.status === 'supplement_requested' && next.status !== 'supplement_requested';
  if (entered) {
    list.push({
      id: `bs-${list.length + 1}`,
      requestedAt: lastStepAt(next),
      status: 'requested',
      ...(next.times.dueAt ? { previousDueAt: next.times.dueAt } : {}),
    });
  }
  const open = left ? list.findLastIndex((s) => s.status === 'requested') : -1;
  if (open >= 0) {
    // The dossier went on (to processing, reception, or further when a poll missed a step): answered.
    const answered = !['withdrawn', 'stopped', 'rejected'].includes(next.status);
    list[open] = answered
      ? { ...list[open], status: 'submitted', submittedAt: lastStepAt(next) }
      : { ...list[open], status: 'cancelled' };
  }
  return list.length > 0 ? list : next.supplements;
}

export function deadlineEnricher(calendar: WorkCalendar, ref: ReferenceData): DossierEnricher {
  const durationOf = (d: Dossier): Duration | undefined =>
    ref.procedure(d.procedure.localCode ?? d.procedure.nationalCode)?.duration;

  return (next, previous) => {
    const supplements = withSupplements(next, previous);
    const times = { ...next.times };
    // A due date that came in (new, or different from the stored one) is the partner's word.
    const fromPartner = times.dueAt !== undefined && times.dueAt !== previous?.times.dueAt;
    if (fromPartner) times.dueAtSource = 'partner';
    const duration = durationOf(next);
    if (!fromPartner && times.dueAtSource !== 'partner' && duration && times.receivedAt) {
      times.dueAt = dueDate(
        calendar,
        new Date(times.receivedAt),
        duration,
        closedPauses(supplements),
      ).toISOString();
      times.dueAtSource = 'gateway';
    }
    const result: Dossier = { ...next, times };
    if (supplements !== undefined) {
      result.supplements = supplements.map((s) =>
        s.status === 'submitted' && s.newDueAt === undefined && times.dueAtSource === 'gateway' && times.dueAt
          ? { ...s, newDueAt: times.dueAt }
          : s,
      );
    }
    return result;
  };
}
