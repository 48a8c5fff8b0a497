import { runAdapterContract } from '../../test/contract/adapter-suite';
import { silentLogger } from '../../src/observability/logger';
import { webhookFixtures } from './__fixtures__';
import { createWebhookAdapter } from './client';

runAdapterContract('webhook', {
  makeAdapter: (baseUrl) =>
    createWebhookAdapter(
      { baseUrl, path: '/hooks/lienthong', subscribe: ['**'], secret: 'whsec_0123456789abcdef' },
      { logger: silentLogger },
    ),
  fixtures: webhookFixtures(),
});
