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
        handle: (request) =>
          eachItem(request, 100, async (item, evidence) => {
            const problems = dossierProblems(item, { knownProcedures });
            if (problems.length > 0) {
              throw new LtError(
                'LT_DVCQG_INVALID_SUBMISSION',
                'validation',
                `dossier refused: ${problems.slice(0, 5).join('; ')}`,
                { details: { problems } },
              );
            }
            const snapshot = (await deps.mappings.apply(
              'dvcqg-dossier-to-canonical',
              item,
            )) as DossierSnapshot;
            const result = await deps.dossiers.sync(
              {
                snapshot,
                // A submission is news once: afterwards iGate owns the dossier, and a repeated push (the
                // portal retrying) must not overwrite what the agency has done since.
                ifAbsent: true,
                observedAt: new Date().toISOString(),
                actor: 'dvcqg',
                note: 'Nộp hồ sơ trên Cổng Dịch vụ công quốc gia',
              },
              { system: 'dvcqg', source: DVCQG_SOURCE, evidence },
            );
            return { code: result.dossier.code, outcome: result.outcome };
          }),
      },
    ],
  };
}
