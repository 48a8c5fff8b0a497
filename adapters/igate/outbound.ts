import type {
  AdapterDeps,
  DeliveryContext,
  DeliveryResult,
  OutboundMessage,
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
 * At least once must not mean twice: the allocated code is saved per message before the create, and a
 * retry first looks for a dossier with that code; only if none exists is it created (again).
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
  let state = await deps.state.read<CreateState>(key);
  if (!state) {
    const agency = deps.mappings.ref.agency(dossier.agency.id);
    const procedure = deps.mappings.ref.procedure(
      dossier.procedure.localCode ?? dossier.procedure.nationalCode,
    );
    if (!agency?.igateId)
      throw igateUnmapped(`agency ${dossier.agency.id} has no igateId in mappings/agencies`);
    if (!procedure?.igate) {
      throw igateUnmapped(
        `procedure ${dossier.procedure.nationalCode ?? dossier.procedure.localCode} has no iGate id in mappings/procedures`,
      );
    }
    const code = await client.allocateCode(agency.igateId, procedure.igate.id, procedure.local, call);
    state = { code };
    await deps.state.write(key, state);
  } else {
    const found = await client.search({ code: state.code, page: 0, size: 1, spec: 'slice' }, call);
    const existing = found.data.content?.find((d) => d.code === state?.code);
    if (existing) {
      ctx.logger.info(
        { dossier: dossier.code, igateCode: state.code },
        'igate already has the dossier from an earlier attempt',
      );
      const body = Buffer.from(JSON.stringify({ code: state.code }));
      return {
        status: 200,
        request: { method: 'GET', url: client.url('/pa/dossier/search'), body },
        response: { contentType: 'application/json', body: found.raw },
        externalId: existing.id,
      };
    }
  }
  const body = await deps.mappings.apply('canonical-to-igate-create', { dossier, code: state.code });
  const created = await client.create(body, call);
  await deps.state.write(key, { code: state.code, id: created.dossier.id });
  return {
    status: 200,
    request: created.wire,
    response: { contentType: 'application/json', body: created.raw },
    externalId: created.dossier.id,
  };
}
