import type { OnTimeRow, ReportApi } from '../http/deps';
import type { Db } from '../store/db';

/**
 * Deadline figures straight from the dossier columns the write path keeps (`due_at`, `finished_at`,
 * `returned_at`, `agency_id`). A dossier counts as finished when processing ended (or, if that step was
 * never seen, when the result was returned); on time when that is no later than its due date.
 */
export class DossierReports implements ReportApi {
  constructor(private readonly db: Db) {}

  async onTime(filter: { from: string; to: string; agencyId?: string }): Promise<OnTimeRow[]> {
    const res = await this.db.query<{
      agency_id: string | null;
      finished: number;
      on_time: number;
      late: number;
      undated: number;
      overdue_open: number;
    }>(
      `WITH d AS (
         SELECT agency_id, due_at, status, COALESCE(finished_at, returned_at) AS done_at FROM dossiers
          WHERE ($3::text IS NULL OR agency_id = $3)
       )
       SELECT agency_id,
              count(*) FILTER (WHERE done_at >= $1::timestamptz AND done_at < $2::timestamptz)::int AS finished,
              count(*) FILTER (WHERE done_at >= $1::timestamptz AND done_at < $2::timestamptz AND due_at IS NOT NULL AND done_at <= due_at)::int AS on_time,
              count(*) FILTER (WHERE done_at >= $1::timestamptz AND done_at < $2::timestamptz AND due_at IS NOT NULL AND done_at > due_at)::int AS late,
              count(*) FILTER (WHERE done_at >= $1::timestamptz AND done_at < $2::timestamptz AND due_at IS NULL)::int AS undated,
              count(*) FILTER (WHERE done_at IS NULL AND due_at < now()
                                 AND status NOT IN ('rejected', 'withdrawn', 'stopped'))::int AS overdue_open
         FROM d GROUP BY agency_id ORDER BY agency_id NULLS LAST`,
      [filter.from, filter.to, filter.agencyId ?? null],
    );
    return res.rows.map((r) => ({
      agencyId: r.agency_id,
      finished: r.finished,
      onTime: r.on_time,
      late: r.late,
      undated: r.undated,
      onTimeRate:
        r.on_time + r.late === 0 ? null : Math.round((r.on_time / (r.on_time + r.late)) * 10000) / 10000,
      overdueOpen: r.overdue_open,
    }));
  }

  /** Open dossiers past their due date now, for the overdue gauge. */
  async overdueCount(): Promise<number> {
    const res = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dossiers WHERE finished_at IS NULL AND returned_at IS NULL AND due_at < now()
          AND status NOT IN ('rejected', 'withdrawn', 'stopped')`,
    );
    return res.rows[0]?.n ?? 0;
  }
}
