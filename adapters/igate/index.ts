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

/**
 * VNPT iGate, the provincial one-stop system: polled (and optionally pushed) for its dossiers; receives
 * the dossiers submitted on the national portal. It takes `created` events only, whatever else the
 * subscription says: the status of a dossier is iGate's to decide, never ours to write back.
 */
export const igateAdapterFactory: AdapterFactory<IgateConfig> = {
  name: 'igate',
  configSchema: igateConfigSchema,
  create(config: Config, deps): Adapter {
    if (typeof config.baseUrl !== 'string' || config.baseUrl === '') {
      throw new LtError(
        'LT_CONFIG_INVALID',
        'validation',
        'systems.igate.baseUrl: required (the iGate API URL)',
      );
    }
    // One client for both directions: one token cache, one socket pool.
    const client = new IgateClient({ ...config, baseUrl: config.baseUrl }, deps.logger);
    const matches = createSubscriptionMatcher(config.subscribe);
    return {
      name: 'igate',
      subscribes: (type) => type === DOSSIER_EVENT_TYPES.created && matches(type),
      deliver: (message, ctx) => createOnIgate(client, deps, message, ctx),
      inbound: (dossiers) => igateInbound(client, config.poll ?? {}, { ...deps, dossiers }),
      close: async () => client.close(),
    };
  },
};
