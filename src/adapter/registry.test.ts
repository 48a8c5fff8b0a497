import { testAdapterDeps } from './__fixtures__/deps';
import { LtError } from '../errors';
import { silentLogger } from '../observability/logger';
import { ADAPTER_FACTORIES, getAdapterFactory } from './registry';

describe('adapter registry', () => {
  it('knows the webhook adapter by its configuration name', async () => {
    expect([...ADAPTER_FACTORIES.keys()]).toEqual(['webhook', 'igate', 'dvcqg', 'idesk']);
    const factory = getAdapterFactory('webhook');
    expect(factory.name).toBe('webhook');
    const adapter = factory.create(
      { baseUrl: 'http://127.0.0.1:9', subscribe: ['**'] },
      testAdapterDeps(silentLogger),
    );
    expect(adapter.name).toBe('webhook');
    await adapter.close?.();
  });

  it('refuses an unknown system, naming the known ones', () => {
    let thrown: unknown;
    try {
      getAdapterFactory('igatee');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(LtError);
    expect(thrown).toMatchObject({
      code: 'LT_CONFIG_UNKNOWN_SYSTEM',
      kind: 'validation',
      message: 'systems.igatee: no adapter named "igatee"; known: webhook, igate, dvcqg, idesk',
    });
  });
});
