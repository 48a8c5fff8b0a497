import fs from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { vectorDir } from '../../test/vectors';
import { CrlCache } from './crl-cache';
import { Crl } from './x509';

const crlFile = path.join(vectorDir('x509', 'nist-pkits', 'crls'), 'GoodCACRL.crl');
const bytes = fs.readFileSync(crlFile);
const next = Crl.fromDer(bytes).nextUpdate!.getTime();

describe('CRL cache', () => {
  afterEach(() => nock.cleanAll());

  it('reads files once and refuses a file that is not a CRL, naming it', async () => {
    const cache = new CrlCache([{ file: crlFile }], { maxAgeMs: 60_000 });
    await cache.load();
    expect((await cache.current()).map((c) => c.issuer)).toEqual([Crl.fromDer(bytes).issuer]);
    const bad = new CrlCache([{ file: __filename }], { maxAgeMs: 60_000 });
    await expect(bad.load()).rejects.toMatchObject({
      code: 'LT_TRUST_BAD_CRL',
      message: expect.stringContaining(__filename),
    });
  });

  it('fetches a URL, keeps it until maxAge or nextUpdate, then fetches again', async () => {
    const scope = nock('http://crl.example.gov.vn').get('/ca.crl').times(2).reply(200, bytes);
    const cache = new CrlCache([{ url: 'http://crl.example.gov.vn/ca.crl' }], { maxAgeMs: 60_000 });
    await cache.load();
    const t0 = Math.min(Date.now(), next - 120_000);
    expect(await cache.current(t0)).toHaveLength(1);
    expect(scope.pendingMocks()).toHaveLength(1); // not fetched again while fresh
    await cache.current(t0 + 61_000 + (Date.now() - t0));
    expect(scope.isDone()).toBe(true);
  });

  it('keeps the last copy when a refetch fails, and waits a minute before trying again', async () => {
    nock('http://crl.example.gov.vn').get('/ca.crl').reply(200, bytes);
    const cache = new CrlCache([{ url: 'http://crl.example.gov.vn/ca.crl' }], { maxAgeMs: 1000 });
    await cache.load();
    const failing = nock('http://crl.example.gov.vn').get('/ca.crl').reply(503).get('/ca.crl').reply(503);
    const later = Date.now() + 5000;
    expect(await cache.current(later)).toHaveLength(1);
    expect(failing.pendingMocks()).toHaveLength(1);
    expect(await cache.current(later + 1000)).toHaveLength(1); // within the minute: no new request
    expect(failing.pendingMocks()).toHaveLength(1);
  });
});
