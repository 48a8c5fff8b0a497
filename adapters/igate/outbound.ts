import type {
  AdapterDeps,
  DeliveryContext,
  DeliveryResult,
  OutboundMessage,
  WireRecord,
} from '../../src/adapter/contract';
import { LtError } from '../../src/errors';
import type { DossierEventData } from '../../src/model';
import type { IgateClient } from './client';
import { igateUnmapped } from './errors';

/** What a retried create needs to stay a single dossier on iGate. */
interface CreateState {
  code: string;
  id?: string;
}

/**
 * Creates on iGate a dossier it does not have (one submitted on the national portal): allocates the
 * dossier code through iGate's pattern service, then `POST /pa/dossier` with `nationCode` = our code.
 *
 * At least once must not mean twice: the allocated code is saved per message before the create and the
 * iGate id after it. A retry with the id only confirms it; a retry with the code only looks for a dossier
 * with that code and creates one only if none exists.
 */
export async function createOnIgate(
  client: IgateClient,
  deps: AdapterDeps,
  message: OutboundMessage,
  ctx: DeliveryContext,
): Promise<DeliveryResult> {
  const data = (message.payload as { data?: DossierEventData } | null)?.data;
  if (!data?.dossier) {
    throw new LtError(
      'LT_IGATE_INVALID_PAYLOAD',
      'permanent',
      `message ${message.messageId} is not a dossier event`,
    );
  }
  const dossier = data.dossier;
  const call = { timeoutMs: ctx.timeoutMs, signal: ctx.signal };
  const key = `create:${message.messageId}`;
  const agency = deps.mappings.ref.agency(dossier.agency.id);
  const procedure = deps.mappings.ref.procedure(
    dossier.procedure.localCode ?? dossier.procedure.nationalCode,
  );
  if (!agency?.igateId) {
    throw igateUnmapped(
      `agency ${dossier.agency.id} has no igateId: add it to mappings/agencies, then replay`,
    );
  }
  if (!procedure?.igate) {
    const code = dossier.procedure.nationalCode ?? dossier.procedure.localCode;
    throw igateUnmapped(`procedure ${code} has no iGate id: add it to mappings/procedures, then replay`);
  }
  const state = await deps.state.read<CreateState>(key);
  if (state?.id) {
    // Created by an earlier attempt whose completion was not recorded: confirm by id, create nothing.
    const found = await client.get(state.id, call);
    return done(found.wire, found.raw, state.id);
  }
  if (state) {
    // The code was allocated but the create's answer was lost: it may exist already.
    const found = await client.search({ code: state.code, page: 0, size: 1, spec: 'slice' }, call);
    const existing = found.data.content?.find((d) => d.code === state.code);
    if (existing) {
      ctx.logger.info({ dossier: dossier.code, igateCode: state.code }, 'igate already has the dossier');
      await deps.state.write(key, { code: state.code, id: existing.id });
      return done(found.wire, found.raw, existing.id);
    }
  }
  const code =
    state?.code ?? (await client.allocateCode(agency.igateId, procedure.igate.id, procedure.local, call));
  if (!state) await deps.state.write(key, { code });
  const body = await deps.mappings.apply('canonical-to-igate-create', { dossier, code, agency, procedure });
  const created = await client.create(body, call);
  await deps.state.write(key, { code, id: created.dossier.id });
  return done(created.wire, created.raw, created.dossier.id);
}

function done(request: WireRecord, response: Buffer, igateId: string): DeliveryResult {
  return {
    status: 200,
    request,
    response: { contentType: 'application/json', body: response },
    externalId: igateId,
  };
}
