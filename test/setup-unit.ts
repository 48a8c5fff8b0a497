import nock from 'nock';

// Unit tests never reach the network: any HTTP call not mocked by nock fails loudly.
// Loopback stays open for tests that start an in-process server (supertest-style).
nock.disableNetConnect();
nock.enableNetConnect(/127\.0\.0\.1|localhost/);

afterEach(() => {
  nock.cleanAll();
});
