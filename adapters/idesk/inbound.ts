import type { AdapterDeps, DossierSink, InboundSide } from '../../src/adapter/contract';
import { LtError } from '../../src/errors';
import type { VxpClient } from './client';
import type { IdeskConfig } from './config';
import { VxpPoller } from './poller';
import { receivePackage } from './receive';
import type { ReceiveDeps } from './receive';

/**
 * The exchange's inbound side: the axis poller, and `POST /inbound/idesk/edxml` for an iDesk (or another
 * gateway) that hands a package over directly. Both go through the same edge and the same change.
 */
export function ideskInbound(
  client: VxpClient,
  config: IdeskConfig,
  deps: AdapterDeps & { dossiers: DossierSink },
): InboundSide {
  if (!deps.db || !deps.trust) {
    throw new LtError(
      'LT_CONFIG_INVALID',
      'validation',
      'systems.idesk needs the database and the trust store',
    );
  }
  const receive: ReceiveDeps = {
    db: deps.db,
    blobs: deps.blobs,
    trust: deps.trust,
    dossiers: deps.dossiers,
    mappings: deps.mappings,
    logger: deps.logger,
    agencies: new Set(config.agencies),
    policy: config.verify ?? {},
  };
  const poller =
    config.poll?.enabled === false
      ? undefined
      : new VxpPoller(client, config.poll ?? {}, {
          ...receive,
          state: deps.state,
          instanceId: deps.instanceId,
        });
  return {
    routes: [
      {
        path: '/edxml',
        body: 'raw',
        limit: `${Math.ceil((config.verify?.maxBytes ?? 64 * 1024 * 1024) / 1024)}kb`,
        handle: async (request) => {
          const result = await receivePackage(request.raw, receive);
          const status = result.outcome === 'accepted' ? 200 : result.outcome === 'duplicate' ? 409 : 422;
          return {
            status,
            body: {
              outcome: result.outcome,
              code: result.code,
              detail: result.detail,
              dossierCode: result.dossierCode,
              verdict: result.verdict,
            },
          };
        },
      },
    ],
    start: () => poller?.start(),
    stop: async () => poller?.stop(),
  };
}
