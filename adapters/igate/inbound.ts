import type { AdapterDeps, DossierSink, InboundSide } from '../../src/adapter/contract';
import { eachItem } from '../../src/adapter/batch';
import type { IgateClient } from './client';
import type { IgatePollConfig } from './config';
import { ingestIgateDossier } from './ingest';
import { IgatePoller } from './poller';

/**
 * iGate's inbound side: the poller, and `POST /inbound/igate/dossiers` for deployments where something
 * pushes the same dossier JSON (one object, an array, or a search page `{content: [...]}`).
 */
export function igateInbound(
  client: IgateClient,
  poll: IgatePollConfig,
  deps: AdapterDeps & { dossiers: DossierSink },
): InboundSide {
  const poller = poll.enabled === false ? undefined : new IgatePoller(client, poll, deps);
  return {
    routes: [
      {
        path: '/dossiers',
        handle: (request) =>
          eachItem(request, 500, async (item, evidence) => {
            const result = await ingestIgateDossier(deps, item, evidence);
            return { code: result.dossier.code, outcome: result.outcome };
          }),
      },
    ],
    start: () => poller?.start(),
    stop: async () => poller?.stop(),
  };
}
