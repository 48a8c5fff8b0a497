import type { Adapter, AdapterFactory } from '../../src/adapter/contract';
import { createSubscriptionMatcher } from '../../src/adapter/subscribe';
import { LtError } from '../../src/errors';
import { DOSSIER_EVENT_TYPES } from '../../src/model';
import { IgateClient } from './client';
import { igateConfigSchema } from './config';
import type { IgateConfig } from './config';
import { igateInbound } from './inbound';
import { createOnIgate } from './outbound';

type Config = IgateConfig & { subscribe: string[]; baseUrl?: string };

function checked(config: Config): IgateConfig & { baseUrl: string } {
  const fail = (detail: string) => new LtError('LT_CONFIG_INVALID', 'validation', detail);
  if (typeof config.baseUrl !== 'string' || config.baseUrl === '')
    throw fail('systems.igate.baseUrl: required (the iGate API URL)');
  const grant = config.grant ?? 'client_credentials';
  if (grant === 'client_credentials' && !config.clientSecret) {
    throw fail('systems.igate.clientSecret: required by the client_credentials grant');
  }
  if (grant === 'password' && (!config.username || !config.password)) {
    throw fail('systems.igate.username and systems.igate.password: required by the password grant');
  }
  return { ...config, baseUrl: config.baseUrl };
}

/**
 * VNPT iGate, the provincial one-stop system: polled (and optionally pushed) for its dossiers; receives
 * the dossiers submitted on the national portal. By default it subscribes to `created` events only: the
 * status of a dossier is iGate's to decide, never ours to write back.
 */
export const igateAdapterFactory: AdapterFactory<IgateConfig> = {
  name: 'igate',
  configSchema: igateConfigSchema,
  create(config: Config, deps): Adapter {
    const client = new IgateClient(checked(config), deps.logger);
    const matches = createSubscriptionMatcher(config.subscribe);
    return {
      name: 'igate',
      // Only creations: whatever else the subscription says, iGate decides statuses itself.
      subscribes: (type) => type === DOSSIER_EVENT_TYPES.created && matches(type),
      deliver: (message, ctx) => createOnIgate(client, deps, message, ctx),
    };
  },
  inbound(config: Config, deps) {
    const client = new IgateClient(checked(config), deps.logger);
    return igateInbound(client, config.poll ?? {}, deps);
  },
};
