import { Router } from 'express';
import { DAY_MS } from '../../time';
import type { ReportApi } from '../deps';
import { ok, send } from '../reply';
import { QueryReader, assertRange } from '../validation/query';

/**
 * `GET /api/v1/reports/on-time?from=&to=&agency=`: the figure the provincial notices ask for (tỷ lệ hồ sơ
 * giải quyết đúng hạn), per agency, for dossiers finished in the period; plus how many are open and overdue
 * now. The period defaults to the last 30 days.
 */
export function reportRoutes(reports: ReportApi): Router {
  const router = Router();
  router.get(
    '/reports/on-time',
    send(async (req) => {
      const q = new QueryReader(req, ['from', 'to', 'agency']);
      const to = q.instant('to', 'to') ?? new Date().toISOString();
      const from = q.instant('from', 'from') ?? new Date(Date.parse(to) - 30 * DAY_MS).toISOString();
      assertRange('from', from, to);
      const agencyId = q.string('agency', 35);
      const rows = await reports.onTime({ from, to, agencyId });
      return ok({ from, to, agencies: rows });
    }),
  );
  return router;
}
