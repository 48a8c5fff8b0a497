import type { OnTimeRow, ReportApi } from '../http/deps';
import type { Db } from '../store/db';

/**
 * Open and past its due date: not finished (a re-opened dossier is open again), not closed without a result,
 * and not waiting for the citizen (a supplement request stops the clock).
 */
const OVERDUE_OPEN = `due_at < now()
  AND status NOT IN ('resolved', 'returned', 'rejected', 'withdrawn', 'stopped', 'supplement_requested')`;

/**
 * Deadline figures straight from the dossier columns the write path keeps (`due_at`, `finished_at`,
 * `returned_at`, `agency_id`). Finished = resolved or returned; its time is when processing ended or, if that
 * step was never seen, when the result was returned; on time when that is no later than the due date.
 * Dossiers refused, withdrawn or stopped never finish and count nowhere.
 */
export class DossierReports implements ReportApi {
  constructor(private readonly db: Db) {}

  async onTime(filter: { from: string; to: string; agencyId?: string }): Promise<OnTimeRow[]> {
    const params = [filter.from, filter.to, filter.agencyId ?? null];
    // The period test is spelt per column (not on COALESCE) so the (agency_id, finished_at) index serves it.
    const [finished, overdue] = await Promise.all([
      this.db.query<{ agency_id: string | null; on_time: number; late: number; undated: number }>(
        `SELECT agency_id,
                count(*) FILTER (WHERE due_at IS NOT NULL AND COALESCE(finished_at, returned_at) <= due_at)::int AS on_time,
                count(*) FILTER (WHERE due_at IS NOT NULL AND COALESCE(finished_at, returned_at) > due_at)::int AS late,
                count(*) FILTER (WHERE due_at IS NULL)::int AS undated
           FROM dossiers
          WHERE status IN ('resolved', 'returned') AND ($3::text IS NULL OR agency_id = $3)
            AND (finished_at >= $1::timestamptz AND finished_at < $2::timestamptz
                 OR finished_at IS NULL AND returned_at >= $1::timestamptz AND returned_at < $2::timestamptz)
          GROUP BY agency_id`,
        params,
      ),
      this.db.query<{ agency_id: string | null; n: number }>(
        `SELECT agency_id, count(*)::int AS n FROM dossiers
          WHERE ${OVERDUE_OPEN} AND ($1::text IS NULL OR agency_id = $1) GROUP BY agency_id`,
        [filter.agencyId ?? null],
      ),
    ]);
    const rows = new Map<string | null, OnTimeRow>();
    const row = (agencyId: string | null): OnTimeRow => {
      let r = rows.get(agencyId);
      if (!r) {
        r = { agencyId, finished: 0, onTime: 0, late: 0, undated: 0, onTimeRate: null, overdueOpen: 0 };
        rows.set(agencyId, r);
      }
      return r;
    };
    for (const f of finished.rows) {
      const r = row(f.agency_id);
      Object.assign(r, { onTime: f.on_time, late: f.late, undated: f.undated });
      r.finished = f.on_time + f.late + f.undated;
      const dated = f.on_time + f.late;
      r.onTimeRate = dated === 0 ? null : Math.round((f.on_time / dated) * 10000) / 10000;
    }
    for (const o of overdue.rows) row(o.agency_id).overdueOpen = o.n;
    // Agencies in code order, dossiers without an agency last (as before: ORDER BY agency_id NULLS LAST).
    return [...rows.values()].sort((a, b) =>
      a.agencyId === b.agencyId
        ? 0
        : a.agencyId === null
          ? 1
          : b.agencyId === null
            ? -1
            : a.agencyId < b.agencyId
              ? -1
              : 1,
    );
  }

  /** Open dossiers past their due date now, for the overdue gauge. */
  async overdueCount(): Promise<number> {
    const res = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dossiers WHERE ${OVERDUE_OPEN}`,
    );
    return res.rows[0]?.n ?? 0;
  }
}
