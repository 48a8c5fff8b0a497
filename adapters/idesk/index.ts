import type { Adapter, AdapterFactory } from '../../src/adapter/contract';
import { createSubscriptionMatcher } from '../../src/adapter/subscribe';
import { DOSSIER_EVENT_TYPES } from '../../src/model';
import { VxpClient } from './client';
import { ideskConfigSchema } from './config';
import type { IdeskConfig } from './config';
import { loadIdentity } from './identity';
import { ideskInbound } from './inbound';
import { deliverExchange } from './outbound';

type Config = IdeskConfig & { subscribe: string[] };

const EXCHANGE_EVENTS = new Set<string>([
  DOSSIER_EVENT_TYPES.created,
  DOSSIER_EVENT_TYPES.statusChanged,
  DOSSIER_EVENT_TYPES.updated,
]);

/**
 * The document exchange between agencies: edXML (QCVN 102:2016) packages over the national axis (VXP) to
 * and from VNPT iDesk. Sends the transfers asked for through the API and the status messages owed on
 * dossiers transferred to us; receives packages through the axis poller (or pushed), verified at the edge.
 */
export const ideskAdapterFactory: AdapterFactory<IdeskConfig> = {
  name: 'idesk',
  configSchema: ideskConfigSchema,
  create(config: Config, deps): Adapter {
    const identity = loadIdentity(config.signing);
    const client = new VxpClient(config.vxp);
    const matches = createSubscriptionMatcher(config.subscribe);
    return {
      name: 'idesk',
      // Only dossiers with a transfer concern the exchange; the others never reach its queue.
      subscribes: (type, data) =>
        EXCHANGE_EVENTS.has(type) &&
        matches(type) &&
        (data === undefined || data.dossier.transfers.length > 0),
      deliver: (message, ctx) => deliverExchange(message, ctx, { ...deps, client, identity, config }),
      inbound: (dossiers) => ideskInbound(client, config, { ...deps, dossiers }),
      close: async () => client.close(),
    };
  },
};
