import { openDb } from '../../src/store';
import type { Db } from '../../src/store';
import { appendMessage, sealMessageLog, verifyMessageLog } from '../../src/store/message-log';
import type { Verdict } from '../../src/trust/verdict';
import { createTestDatabase } from './support/services';

const verdict: Verdict = {
  kind: 'xmldsig',
  status: 'invalid',
  reason: 'LT_SIG_DIGEST_MISMATCH',
  detail: 'reference #0 digest does not match',
  checkedAt: '2026-11-22T03:00:00.000Z',
  algorithms: { signature: 'rsa-sha256', digests: ['sha256'] },
  signer: {
    subject: 'CN=Sở Tư pháp, C=VN',
    issuer: 'CN=VNPT-CA SHA2, C=VN',
    serial: '5401A2',
    fingerprint256: 'AB:CD',
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
  },
};

/** The verdict of the edge is evidence: stored beside the bytes it judged and covered by the hash chain. */
describe('message log: signature verdicts', () => {
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const t = await createTestDatabase();
    drop = t.drop;
    db = await openDb({ databaseUrl: t.url, dataDir: '/tmp' });
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('keeps the verdict, and any later edit of it breaks the chain', async () => {
    await appendMessage(db, {
      direction: 'in',
      system: 'idesk',
      verdict: 'accepted',
      body: Buffer.from('a'),
    });
    const id = await appendMessage(db, {
      direction: 'in',
      system: 'idesk',
      verdict: 'rejected',
      detail: 'LT_SIG_DIGEST_MISMATCH',
      body: Buffer.from('<edXML/>'),
      signature: verdict,
    });
    const stored = await db.query<{ signature: Verdict }>('SELECT signature FROM message_log WHERE id = $1', [
      id,
    ]);
    expect(stored.rows[0].signature).toEqual(verdict);
    while ((await sealMessageLog(db)) > 0);
    expect(await verifyMessageLog(db)).toEqual({ ok: true, checked: 2 });
    await db.query(
      `UPDATE message_log SET signature = jsonb_set(signature, '{status}', '"valid"') WHERE id = $1`,
      [id],
    );
    expect(await verifyMessageLog(db)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
