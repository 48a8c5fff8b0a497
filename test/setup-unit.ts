import nock from 'nock';

// Unit tests never reach the network: any HTTP call not mocked by nock fails loudly.
// Loopback stays open for tests that start an in-process server (supertest-style).
nock.disableNetConnect();
nock.enableNetConnect(/127\.0\.0\.1|localhost/);

afterEach(() => {
  nock.cleanAll();
});

// nock 14 stacks an interceptor on node:http each time a test file loads it; restoring after each file
// keeps a previous file's layer from refusing this file's mocked requests (nock issues #2802, #2948).
afterAll(() => {
  nock.restore();
});
