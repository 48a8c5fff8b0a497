import { testAdapterDeps } from '../../src/adapter/__fixtures__/deps';
import { DOSSIER_EVENT_TYPES } from '../../src/model';
import { silentLogger } from '../../src/observability/logger';
import { COMMUNE, transferScenario } from './__fixtures__/exchange';
import { createExchangePki } from './__fixtures__/pki';
import { ideskAdapterFactory } from './index';

describe('idesk adapter subscriptions', () => {
  const pki = createExchangePki();
  afterAll(() => pki.cleanup());

  it('takes events only of dossiers with a transfer, so other dossiers never reach its queue', async () => {
    const adapter = ideskAdapterFactory.create(
      {
        agencies: [COMMUNE.id],
        vxp: { endpoint: 'http://127.0.0.1:9', systemId: 'vxp.saas.01', secret: 's' },
        signing: { keyFile: pki.commune.files.keyFile, certificateFile: pki.commune.files.certificateFile },
        subscribe: ['vn.lienthong.dossier.*'],
      },
      testAdapterDeps(silentLogger),
    );
    const { dossier } = transferScenario();
    const change = { kind: 'updated' as const };
    expect(adapter.subscribes(DOSSIER_EVENT_TYPES.updated, { dossier, change })).toBe(true);
    expect(
      adapter.subscribes(DOSSIER_EVENT_TYPES.updated, { dossier: { ...dossier, transfers: [] }, change }),
    ).toBe(false);
    expect(adapter.subscribes('vn.lienthong.payment.paid', { dossier, change })).toBe(false);
    await adapter.close?.();
  });
});
