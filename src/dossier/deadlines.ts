import type { Duration, Pause, WorkCalendar } from '../deadline';
import { dueDate } from '../deadline';
import type { ReferenceData } from '../mapping';
import type { Dossier, Supplement } from '../model';
import type { DossierEnricher } from './service';

/**
 * Due dates the gateway owns. A partner that sends its own due date (iGate's appointmentDate) is the
 * authority for it; the gateway computes one only when none came, from the procedure map's time limit and
 * the working-day calendar, and then keeps it right when supplement periods stop the clock.
 *
 * Supplement periods (yêu cầu bổ sung) are recorded here too: entering `supplement_requested` opens one,
 * leaving it closes it, whoever owns the due date.
 */
function closedPauses(supplements: Supplement[] | undefined): Pause[] {
  return (supplements ?? [])
    .filter((s) => s.submittedAt !== undefined)
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
  if (left) {
    const open = list
      .map((s, i) => ({ s, i }))
      .reverse()
      .find(({ s }) => s.status === 'requested');
    if (open) list[open.i] = { ...open.s, status: 'submitted', submittedAt: lastStepAt(next) };
  }
  return list.length > 0 ? list : next.supplements;
}

export function deadlineEnricher(calendar: WorkCalendar, ref: ReferenceData): DossierEnricher {
  const durationOf = (d: Dossier): Duration | undefined =>
    ref.procedure(d.procedure.localCode ?? d.procedure.nationalCode)?.duration;
  const computed = (d: Dossier, supplements: Supplement[] | undefined): string | undefined => {
    const duration = durationOf(d);
    if (!duration || !d.times.receivedAt) return undefined;
    return dueDate(calendar, new Date(d.times.receivedAt), duration, closedPauses(supplements)).toISOString();
  };

  return (next, previous) => {
    const supplements = withSupplements(next, previous);
    // Ours when none came, or when the stored one is exactly what we computed and the partner left it alone.
    const ours =
      next.times.dueAt === undefined ||
      (previous !== undefined &&
        next.times.dueAt === previous.times.dueAt &&
        previous.times.dueAt === computed(previous, previous.supplements));
    let dueAt = next.times.dueAt;
    if (ours) dueAt = computed(next, supplements) ?? dueAt;
    const result: Dossier = { ...next, times: { ...next.times } };
    if (dueAt !== undefined) result.times.dueAt = dueAt;
    if (supplements !== undefined) {
      result.supplements = supplements.map((s) =>
        s.status === 'submitted' && s.newDueAt === undefined && ours && dueAt ? { ...s, newDueAt: dueAt } : s,
      );
    }
    return result;
  };
}
