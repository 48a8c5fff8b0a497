import type { AdapterDeps, DossierSink } from '../../src/adapter/contract';
import type { ChangeResult } from '../../src/dossier/service';
import type { DossierSnapshot } from '../../src/dossier/sync';
import { LtError } from '../../src/errors';
import { toIsoUtc } from '../../src/time';
import { pickVietnamese } from '../../src/mapping/names';
import type { IgateDossier } from './client';

export const IGATE_SOURCE = '/lienthong/adapters/igate';

/**
 * One iGate dossier (polled or pushed) into the canonical store. A dossier iGate created for a national
 * submission carries the national code in `nationCode`; it is the same dossier, so it keeps that code.
 */
export async function ingestIgateDossier(
  deps: AdapterDeps & { dossiers: DossierSink },
  native: unknown,
  evidence: { contentType: string; body: Buffer },
): Promise<ChangeResult> {
  if (typeof native !== 'object' || native === null || Array.isArray(native)) {
    throw new LtError('LT_IGATE_INVALID_DOSSIER', 'validation', 'an iGate dossier must be a JSON object');
  }
  const record = native as IgateDossier;
  if (typeof record.code !== 'string' || typeof record.id !== 'string') {
    throw new LtError('LT_IGATE_INVALID_DOSSIER', 'validation', 'an iGate dossier needs "id" and "code"');
  }
  const snapshot = (await deps.mappings.apply('igate-dossier-to-canonical', record)) as DossierSnapshot;
  if (snapshot.status === undefined) {
    throw new LtError(
      'LT_IGATE_UNKNOWN_STATUS',
      'validation',
      `iGate dossierStatus ${JSON.stringify(record.dossierStatus)} is not in mappings/igate/status.yaml`,
    );
  }
  const national =
    typeof record.nationCode === 'string' && record.nationCode !== '' ? record.nationCode : undefined;
  if (national && national !== record.code && (await deps.dossiers.find(national))) {
    snapshot.code = national;
    snapshot.externalIds = { ...(snapshot.externalIds ?? {}), igate: record.id };
  }
  return deps.dossiers.sync(
    {
      snapshot,
      // iGate's own time of the change when it says it; ours otherwise.
      observedAt: toIsoUtc(record.updatedDate) ?? new Date().toISOString(),
      note: pickVietnamese(record.dossierTaskStatus?.name)?.slice(0, 4000) || undefined,
      actor: 'igate',
    },
    { system: 'igate', source: IGATE_SOURCE, evidence },
  );
}
