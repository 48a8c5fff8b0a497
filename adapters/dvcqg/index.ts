import type { Adapter, AdapterFactory } from '../../src/adapter/contract';
import { createSubscriptionMatcher } from '../../src/adapter/subscribe';
import { LtError } from '../../src/errors';
import { DvcqgClient } from './client';
import { dvcqgConfigSchema } from './config';
import type { DvcqgConfig } from './config';
import { dvcqgInbound } from './inbound';
import { deliverGen1, deliverGen2, eventData, render } from './outbound';

type Config = DvcqgConfig & { subscribe: string[]; baseUrl?: string };

function configError(detail: string): LtError {
  return new LtError('LT_CONFIG_INVALID', 'validation', detail);
}

/** National procedure codes the portal knows: those of the procedure map (a code outside it is refused early). */
function knownProcedures(deps: { mappings: { ref: { allProcedures(): Array<{ national: string }> } } }) {
  return new Set(deps.mappings.ref.allProcedures().map((p) => p.national));
}

/** The national public service portal (Cổng DVCQG): dossier sync and progress out, national submissions in. */
export const dvcqgAdapterFactory: AdapterFactory<DvcqgConfig> = {
  name: 'dvcqg',
  configSchema: dvcqgConfigSchema,
  create(config: Config, deps): Adapter {
    if (typeof config.baseUrl !== 'string' || config.baseUrl === '') {
      throw configError('systems.dvcqg.baseUrl: required (the portal or LGSP URL)');
    }
    const profile = config.profile ?? 'gen1';
    if (profile === 'gen1' && (!config.username || !config.password)) {
      throw configError(
        'systems.dvcqg.username and systems.dvcqg.password: required by the gen1 profile (session login)',
      );
    }
    const client = new DvcqgClient(config.baseUrl, config, deps.logger);
    const subscribes = createSubscriptionMatcher(config.subscribe);
    const procedures = knownProcedures(deps);
    return {
      name: 'dvcqg',
      subscribes,
      async deliver(message, ctx) {
        const data = eventData(message);
        const rendered = await render(deps.mappings, data, procedures);
        if (profile === 'gen2')
          return deliverGen2(client, rendered, data.dossier, config.progressChunk ?? 10, ctx);
        return deliverGen1(client, rendered, data.dossier, config.madonvi ?? data.dossier.agency.id, ctx);
      },
    };
  },
  inbound(_config, deps) {
    return dvcqgInbound(deps, knownProcedures(deps));
  },
};
