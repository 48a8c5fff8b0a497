import type { Adapter, AdapterFactory } from '../../src/adapter/contract';
import { createSubscriptionMatcher } from '../../src/adapter/subscribe';
import { LtError } from '../../src/errors';
import { DvcqgClient } from './client';
import { dvcqgConfigSchema } from './config';
import type { DvcqgConfig } from './config';
import { dvcqgInbound } from './inbound';
import { deliverGen1, deliverGen2, eventData, render } from './outbound';

type Config = DvcqgConfig & { subscribe: string[]; baseUrl?: string };

/** The national public service portal (Cổng DVCQG): dossier sync and progress out, national submissions in. */
export const dvcqgAdapterFactory: AdapterFactory<DvcqgConfig> = {
  name: 'dvcqg',
  configSchema: dvcqgConfigSchema,
  create(config: Config, deps): Adapter {
    if (typeof config.baseUrl !== 'string' || config.baseUrl === '') {
      throw new LtError(
        'LT_CONFIG_INVALID',
        'validation',
        'systems.dvcqg.baseUrl: required (the portal or LGSP URL)',
      );
    }
    const client = new DvcqgClient(config.baseUrl, config, deps.logger);
    // The portal refuses procedure codes it does not know: those outside the procedure map are caught here.
    const knownProcedures = deps.mappings.ref.nationalCodes();
    return {
      name: 'dvcqg',
      subscribes: createSubscriptionMatcher(config.subscribe),
      async deliver(message, ctx) {
        const data = eventData(message);
        const rendered = await render(deps.mappings, data, knownProcedures);
        if (config.profile === 'gen2') {
          return deliverGen2(client, rendered, data.dossier, config.progressChunk ?? 10, ctx);
        }
        return deliverGen1(client, rendered, data.dossier, config.madonvi ?? data.dossier.agency.id, ctx);
      },
      inbound: (dossiers) => dvcqgInbound({ ...deps, dossiers }, knownProcedures),
      close: async () => client.close(),
    };
  },
};
