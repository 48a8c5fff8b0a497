import type { AdapterDeps, DossierSink, InboundSide } from '../../src/adapter/contract';
import { eachItem } from '../../src/adapter/batch';
import type { DossierSnapshot } from '../../src/dossier/sync';
import { LtError } from '../../src/errors';
import { dossierProblems } from './validate';

export const DVCQG_SOURCE = '/lienthong/adapters/dvcqg';

/**
 * Dossiers citizens submitted on the national portal, pushed to `POST /inbound/dvcqg/dossiers` as
 * DongBoHoSoMC-shaped objects (one, an array, or `{data: [...]}`). Each is checked against the portal's own
 * rules, mapped to the canonical model and synced; the outbox then creates it on iGate.
 */
export function dvcqgInbound(
  deps: AdapterDeps & { dossiers: DossierSink },
  knownProcedures: ReadonlySet<string>,
): InboundSide {
  return {
    routes: [
      {
        path: '/dossiers',
        async handle({ body, raw, contentType }) {
          return eachItem(body, 100, async (item) => {
            const problems = dossierProblems(item, { knownProcedures });
            if (problems.length > 0) {
              throw new LtError(
                'LT_DVCQG_INVALID_SUBMISSION',
                'validation',
                `dossier refused: ${problems.slice(0, 5).join('; ')}`,
                {
                  details: { problems },
                },
              );
            }
            const snapshot = (await deps.mappings.apply(
              'dvcqg-dossier-to-canonical',
              item,
            )) as DossierSnapshot;
            // A submission is news once: afterwards iGate owns the dossier, and a repeated push (the portal
            // retrying) must not overwrite what the agency has done since.
            const existing = await deps.dossiers.find(snapshot.code);
            if (existing) return { code: existing.code, outcome: 'unchanged' as const };
            const single = !Array.isArray(body) && !Array.isArray((body as { data?: unknown }).data);
            const result = await deps.dossiers.sync(
              {
                snapshot,
                observedAt: new Date().toISOString(),
                actor: 'dvcqg',
                note: 'Nộp hồ sơ trên Cổng Dịch vụ công quốc gia',
              },
              {
                system: 'dvcqg',
                source: DVCQG_SOURCE,
                evidence: single
                  ? { contentType, body: raw }
                  : { contentType: 'application/json', body: Buffer.from(JSON.stringify(item)) },
              },
            );
            return { code: result.dossier.code, outcome: result.outcome };
          });
        },
      },
    ],
  };
}
