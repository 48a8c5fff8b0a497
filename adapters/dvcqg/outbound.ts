import type { DeliveryContext, DeliveryResult, OutboundMessage } from '../../src/adapter/contract';
import { LtError } from '../../src/errors';
import type { MappingSet } from '../../src/mapping';
import type { Dossier, DossierEventData, ProgressStep } from '../../src/model';
import { parseAnswer } from './client';
import type { CallResult, DvcqgClient } from './client';
import { dvcqgInvalidOutbound, dvcqgRejected } from './errors';
import { dossierProblems, progressProblems } from './validate';
import { DVCQG_SERVICES, isDvcqgAlreadyExists, isDvcqgSuccess } from './wire';
import type { DvcqgDossier, DvcqgProgress, DvcqgResponse } from './wire';

/**
 * What the national portal receives for one dossier event, in the spec's order (§1.1): look the dossier
 * up (`TraCuuHoSo`), push it with the right `isUpdating` (`DongBoHoSoMC`; "đã tồn tại" answered by an
 * update), then, only if that succeeded, the new progress steps (`CapNhatTienDoHoSoMC`).
 *
 * A retry repeats the whole sequence: the lookup makes the push idempotent; a progress step may arrive
 * twice if an answer was lost (at least once), never out of order.
 */
export interface Rendered {
  dossier: DvcqgDossier;
  progress: DvcqgProgress[];
}

/** Progress steps this event added (all of them for a dossier the portal sees for the first time). */
export function newSteps(data: DossierEventData): ProgressStep[] {
  const steps = data.dossier.progress;
  const from = data.change.progressFrom ?? Math.max(steps.length - 1, 0);
  return steps.slice(data.change.kind === 'created' ? 0 : from);
}

/** Renders and checks an event; a rendering the portal would refuse is a permanent error, never sent. */
export async function render(
  mappings: MappingSet,
  data: DossierEventData,
  knownProcedures?: ReadonlySet<string>,
): Promise<Rendered> {
  const dossier = (await mappings.apply('canonical-to-dvcqg-dossier', data.dossier)) as DvcqgDossier;
  const problems = dossierProblems(dossier, { knownProcedures });
  if (problems.length > 0) throw dvcqgInvalidOutbound(`dossier ${data.dossier.code}`, problems);
  const progress: DvcqgProgress[] = [];
  for (const step of newSteps(data)) {
    const entry = (await mappings.apply('canonical-to-dvcqg-progress', {
      dossier: data.dossier,
      step,
    })) as DvcqgProgress;
    const stepProblems = progressProblems(entry);
    if (stepProblems.length > 0) throw dvcqgInvalidOutbound(`progress of ${data.dossier.code}`, stepProblems);
    progress.push(entry);
  }
  return { dossier, progress };
}

function eventData(message: OutboundMessage): DossierEventData {
  const data = (message.payload as { data?: DossierEventData } | null)?.data;
  if (!data?.dossier || !data.change) {
    throw new LtError(
      'LT_DVCQG_INVALID_PAYLOAD',
      'permanent',
      `message ${message.messageId} is not a dossier event`,
    );
  }
  return data;
}

function accepted(service: string, result: CallResult<DvcqgResponse>): void {
  if (!isDvcqgSuccess(result.answer.error_code)) {
    throw Object.assign(dvcqgRejected(service, result.answer.error_code, result.answer.message ?? ''), {
      wire: result.wire,
    });
  }
}

/** Generation 1: the service envelope with a session. */
export async function deliverGen1(
  client: DvcqgClient,
  rendered: Rendered,
  dossier: Dossier,
  madonvi: string,
  ctx: DeliveryContext,
): Promise<DeliveryResult> {
  const call = { timeoutMs: ctx.timeoutMs, signal: ctx.signal };
  const lookup = await client.call(DVCQG_SERVICES.lookup, { madonvi, mahoso: dossier.code }, call);
  accepted(DVCQG_SERVICES.lookup, lookup);
  const known = Array.isArray(lookup.answer.result) && lookup.answer.result.length > 0;
  const push = (updating: boolean) =>
    client.call(
      DVCQG_SERVICES.sync,
      { madonvi, isUpdating: updating ? 'True' : 'False', data: [rendered.dossier] },
      call,
    );
  let sync = await push(known);
  // Known to the portal after all (another system pushed it between our lookup and our create).
  if (!known && isDvcqgAlreadyExists(sync.answer)) sync = await push(true);
  accepted(DVCQG_SERVICES.sync, sync);
  let last = sync;
  if (rendered.progress.length > 0) {
    last = await client.call(DVCQG_SERVICES.progress, { madonvi, data: rendered.progress }, call);
    accepted(DVCQG_SERVICES.progress, last);
  }
  return { status: 200, request: sync.wire, response: last.response, externalId: dossier.code };
}

/** Generation 2: bare arrays; create, "đã tồn tại" → update; progress in chunks with a text answer. */
export async function deliverGen2(
  client: DvcqgClient,
  rendered: Rendered,
  dossier: Dossier,
  chunk: number,
  ctx: DeliveryContext,
): Promise<DeliveryResult> {
  const call = { timeoutMs: ctx.timeoutMs, signal: ctx.signal };
  let sent = await client.postArray('create', [rendered.dossier], call);
  let answer = parseAnswer(sent.response.body);
  if (isDvcqgAlreadyExists(answer)) {
    sent = await client.postArray('update', [rendered.dossier], call);
    answer = parseAnswer(sent.response.body);
  }
  if (!isDvcqgSuccess(answer.error_code)) {
    throw Object.assign(dvcqgRejected('create/update', answer.error_code, answer.message ?? ''), {
      wire: sent.wire,
    });
  }
  let last = sent;
  for (let i = 0; i < rendered.progress.length; i += chunk) {
    last = await client.postArray('progress', rendered.progress.slice(i, i + chunk), call);
    const text = last.response.body.toString('utf8');
    // TD detects success by this substring (spec §1.1); compare after NFC so composed and decomposed match.
    if (!text.normalize('NFC').toLowerCase().includes('thành công'.normalize('NFC'))) {
      throw Object.assign(dvcqgRejected('progress', 'text', text), { wire: last.wire });
    }
  }
  return { status: 200, request: sent.wire, response: last.response, externalId: dossier.code };
}

export { eventData };
