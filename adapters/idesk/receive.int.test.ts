import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DossierSink } from '../../src/adapter/contract';
import { FileBlobStore } from '../../src/blob/store';
import { readDossier } from '../../src/dossier/queries';
import { LtError } from '../../src/errors';
import { DossierService } from '../../src/dossier/service';
import type { Router } from '../../src/dossier/service';
import { loadMappings } from '../../src/mapping';
import type { MappingSet } from '../../src/mapping';
import type { Dossier, Transfer } from '../../src/model';
import { readFixture } from '../../src/model/__tests__/fixtures';
import { silentLogger } from '../../src/observability/logger';
import { MAPPINGS_DIR } from '../../src/paths';
import type { QueueHandoff } from '../../src/queue/outbox';
import { openDb } from '../../src/store';
import type { Db } from '../../src/store';
import { TrustReasons } from '../../src/trust/verdict';
import { createTestDatabase } from '../../test/integration/support/services';
import { COMMUNE, ELSEWHERE, PROVINCE, dossierFile, transferScenario } from './__fixtures__/exchange';
import type { TransferScenario } from './__fixtures__/exchange';
import { createExchangePki } from './__fixtures__/pki';
import type { ExchangePki, TestAgency } from './__fixtures__/pki';
import { buildEdoc, buildStatus, signEdxml } from './edxml';
import type { EdocDraft, StatusCode } from './edxml';
import { DOSSIER_ATTACHMENT, statusPackage, transferPackage } from './packages';
import { receivePackage } from './receive';
import type { ReceiveDeps } from './receive';

/** Every target subscribes to everything; records the hand-offs the service makes after commit. */
class StubRouter implements Router {
  readonly handoffs: QueueHandoff[] = [];
  targetsFor(): string[] {
    return ['idesk', 'vxp'];
  }
  handoff(handoffs: QueueHandoff[]): void {
    this.handoffs.push(...handoffs);
  }
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const sign = (xml: Buffer, agency: TestAgency): Buffer =>
  signEdxml(xml, { privateKey: agency.identity.privateKey, certificatePem: agency.identity.certificatePem });

describe('receivePackage over PostgreSQL with the real DossierService', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let db: Db;
  let dataDir: string;
  let blobs: FileBlobStore;
  let pki: ExchangePki;
  let mappings: MappingSet;
  let service: DossierService;

  const sinkOn = (on: Db, dossiers: DossierService): DossierSink => ({
    sync: (input, options) => dossiers.sync(input, options),
    find: (code) => readDossier(on, code),
    amend: (code, compute, options) => dossiers.amend(code, compute, options),
    findByTransfer: (documentId) => dossiers.findByTransfer(documentId),
  });

  /** The receive side of a gateway serving `agency`. */
  const depsFor = (agency: { id: string }, on: Db = db, dossiers = service): ReceiveDeps => ({
    db: on,
    blobs,
    trust: pki.trust,
    dossiers: sinkOn(on, dossiers),
    mappings,
    logger: silentLogger,
    agencies: new Set([agency.id]),
    policy: {},
  });

  const rows = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await db.query<T>(text, params)).rows as T[];
  const logOf = (exchangeId: string) =>
    rows<{
      verdict: string;
      detail: string;
      dossier_code: string | null;
      signature: Record<string, unknown>;
      body: Buffer;
    }>(
      `SELECT verdict, detail, dossier_code, signature, body FROM message_log
        WHERE system = 'idesk' AND direction = 'in' AND message_id = $1 ORDER BY id`,
      [exchangeId],
    );
  const received = (sender: string, documentId: string) =>
    rows<{ kind: string; exchange_id: string; body_sha256: string; dossier_code: string | null }>(
      'SELECT kind, exchange_id, body_sha256, dossier_code FROM edxml_received WHERE sender = $1 AND document_id = $2',
      [sender, documentId],
    );
  const eventCount = async (code: string) =>
    (
      await rows<{ n: number }>('SELECT count(*)::int AS n FROM dossier_events WHERE dossier_code = $1', [
        code,
      ])
    )[0].n;

  /** The commune's signed transfer package of `s`. */
  const transferBytes = (s: TransferScenario, signer = pki.commune): Buffer =>
    sign(buildEdoc(transferPackage(s.dossier, s.transfer, s.files, new Date())), signer);

  /** The province's signed status message about `transfer`. */
  const statusBytes = (transfer: Transfer, code: StatusCode, description: string, at: Date): Buffer =>
    sign(buildStatus(statusPackage(transfer, code, description, at)), pki.province);

  beforeAll(async () => {
    pki = createExchangePki();
    mappings = loadMappings(MAPPINGS_DIR);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-receive-'));
    blobs = new FileBlobStore(path.join(dataDir, 'blobs'));
    scratch = await createTestDatabase();
    db = await openDb({ databaseUrl: scratch.url, dataDir });
    service = new DossierService(db, new StubRouter(), silentLogger);
  });

  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
    pki?.cleanup();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('a transfer package from the commune, at the province', () => {
    const s = transferScenario({ code: `${COMMUNE.id}-261122-0001` });
    let bytes: Buffer;
    beforeAll(() => {
      bytes = transferBytes(s);
    });

    it('accepted: creates the dossier with the transfer received, stores the files, logs the verdict', async () => {
      const result = await receivePackage(bytes, depsFor(PROVINCE), { exchangeId: 'vxp-in-1' });
      expect(result).toMatchObject({
        outcome: 'accepted',
        code: TrustReasons.ok,
        dossierCode: s.dossier.code,
      });
      expect(result.verdict).toMatchObject({ status: 'valid', trustedBy: 'chain' });

      const stored = await readDossier(db, s.dossier.code);
      expect(stored).toBeDefined();
      expect(stored!.version).toBe(1);
      expect(stored!.transfers).toEqual([{ ...s.transfer, status: 'received', statusCode: '01' }]);
      expect(stored!.documents.map((d) => d.sha256)).toEqual(s.files.map((f) => f.document.sha256));
      for (const f of s.files) expect((await blobs.get(f.document.blobRef!)).equals(f.content)).toBe(true);

      const log = await logOf('vxp-in-1');
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ verdict: 'accepted', dossier_code: s.dossier.code });
      expect(log[0].signature).toMatchObject({ status: 'valid', reason: TrustReasons.ok });
      expect(Buffer.from(log[0].body).equals(bytes)).toBe(true);
      expect(await received(COMMUNE.id, s.transfer.documentId!)).toEqual([
        { kind: 'edoc', exchange_id: 'vxp-in-1', body_sha256: sha256(bytes), dossier_code: s.dossier.code },
      ]);
      // The origin is the axis, not this adapter, so the adapter is told and can answer 01.
      const targets = await rows<{ target: string }>(
        'SELECT target FROM outbox WHERE dossier_code = $1 ORDER BY target',
        [s.dossier.code],
      );
      expect(targets.map((t) => t.target)).toEqual(['idesk']);
    });

    it('the same package again: duplicate (LT_SIG_REPLAY), logged, nothing changed', async () => {
      const events = await eventCount(s.dossier.code);
      const result = await receivePackage(bytes, depsFor(PROVINCE), { exchangeId: 'vxp-in-2' });
      expect(result).toMatchObject({ outcome: 'duplicate', code: TrustReasons.replay });

      expect((await readDossier(db, s.dossier.code))!.version).toBe(1);
      expect(await eventCount(s.dossier.code)).toBe(events);
      expect(await received(COMMUNE.id, s.transfer.documentId!)).toHaveLength(1);
      const log = await logOf('vxp-in-2');
      expect(log).toHaveLength(1);
      expect(log[0].verdict).toBe('rejected');
      expect(log[0].detail).toMatch(/^LT_SIG_REPLAY: /);
    });
  });

  describe('status messages about a transfer the commune sent', () => {
    const code = `${COMMUNE.id}-261122-0002`;
    let transfer: Transfer;

    beforeAll(async () => {
      const input = { ...(readFixture('online-citizen-received.json') as Record<string, unknown>) };
      delete input.version;
      delete input.progress;
      delete input.schemaVersion;
      await service.create({ ...input, code, agency: { ...COMMUNE, level: 'commune' } }, 'test');
      const asked = await service.requestTransfer(code, { to: PROVINCE, reason: 'Thẩm định' }, 'test');
      transfer = asked.dossier.transfers[0];
      expect(transfer).toMatchObject({ status: 'sent', to: { id: PROVINCE.id } });
    });

    it('05 then 06: the transfer moves and each becomes a progress step', async () => {
      const before = (await readDossier(db, code))!;
      const processing = await receivePackage(
        statusBytes(transfer, '05', 'Đang xử lý', new Date('2026-11-23T01:00:00Z')),
        depsFor(COMMUNE),
        { exchangeId: 'vxp-st-1' },
      );
      expect(processing).toMatchObject({ outcome: 'accepted', dossierCode: code });
      let now: Dossier = (await readDossier(db, code))!;
      expect(now.transfers[0]).toMatchObject({ status: 'received', statusCode: '05' });
      expect(now.version).toBe(before.version + 1);
      expect(now.progress.at(-1)).toMatchObject({
        at: '2026-11-23T01:00:00.000Z',
        note: `${PROVINCE.name}: Đang xử lý (edXML 05)`,
      });

      const done = await receivePackage(
        statusBytes(transfer, '06', 'Hoàn thành xử lý', new Date('2026-11-24T01:00:00Z')),
        depsFor(COMMUNE),
        { exchangeId: 'vxp-st-2' },
      );
      expect(done.outcome).toBe('accepted');
      now = (await readDossier(db, code))!;
      expect(now.transfers[0]).toMatchObject({ status: 'completed', statusCode: '06' });
      expect(now.progress.at(-1)?.note).toBe(`${PROVINCE.name}: Hoàn thành xử lý (edXML 06)`);
      expect((await logOf('vxp-st-2'))[0]).toMatchObject({ verdict: 'accepted', dossier_code: code });
      const kinds = await rows<{ kind: string }>(
        'SELECT kind FROM edxml_received WHERE sender = $1 AND dossier_code = $2',
        [PROVINCE.id, code],
      );
      expect(kinds.map((k) => k.kind)).toEqual(['status', 'status']);
    });

    it('a status for an unknown DocumentId: refused LT_TRANSFER_NOT_FOUND and logged', async () => {
      const unknown = { ...transfer, documentId: `${COMMUNE.id},2026/11/22,9/LT-${COMMUNE.id}-261122-9999` };
      const version = (await readDossier(db, code))!.version;
      const result = await receivePackage(
        statusBytes(unknown, '05', 'Đang xử lý', new Date()),
        depsFor(COMMUNE),
        {
          exchangeId: 'vxp-st-9',
        },
      );
      expect(result).toMatchObject({ outcome: 'refused', code: 'LT_TRANSFER_NOT_FOUND' });
      expect(result.verdict.status).toBe('valid');
      const log = await logOf('vxp-st-9');
      expect(log).toHaveLength(1);
      expect(log[0].verdict).toBe('rejected');
      expect(log[0].detail).toMatch(/^LT_TRANSFER_NOT_FOUND: /);
      expect(log[0].signature).toMatchObject({ status: 'valid' });
      expect((await readDossier(db, code))!.version).toBe(version);
      expect(
        await rows('SELECT 1 FROM edxml_received WHERE document_id LIKE $1', [`${unknown.documentId}#%`]),
      ).toEqual([]);
    });
  });

  describe('refusals change nothing but the log', () => {
    it('a package addressed to another agency: LT_EDXML_NOT_ADDRESSED', async () => {
      const s = transferScenario({ code: `${COMMUNE.id}-261122-0003`, to: ELSEWHERE });
      const result = await receivePackage(transferBytes(s), depsFor(PROVINCE), { exchangeId: 'vxp-in-3' });
      expect(result).toMatchObject({ outcome: 'refused', code: 'LT_EDXML_NOT_ADDRESSED' });
      expect(await readDossier(db, s.dossier.code)).toBeUndefined();
      expect(await received(COMMUNE.id, s.transfer.documentId!)).toEqual([]);
      expect((await logOf('vxp-in-3'))[0].detail).toMatch(/^LT_EDXML_NOT_ADDRESSED: /);
    });

    it('a package addressed to us whose dossier names no transfer to us: LT_TRANSFER_NOT_FOUND', async () => {
      const s = transferScenario({ code: `${COMMUNE.id}-261122-0004`, to: ELSEWHERE });
      const draft = transferPackage(s.dossier, { ...s.transfer, to: PROVINCE }, s.files, new Date());
      const result = await receivePackage(sign(buildEdoc(draft), pki.commune), depsFor(PROVINCE));
      expect(result).toMatchObject({ outcome: 'refused', code: 'LT_TRANSFER_NOT_FOUND' });
      expect(await readDossier(db, s.dossier.code)).toBeUndefined();
    });

    it('a signed package whose file is not the one its dossier names: LT_SIG_ATTACHMENT_TAMPERED, no blob', async () => {
      const s = transferScenario({ code: `${COMMUNE.id}-261122-0005` });
      const swapped = Buffer.from('a different file under a genuine name');
      const draft = transferPackage(s.dossier, s.transfer, [{ ...s.files[0], content: swapped }], new Date());
      const result = await receivePackage(sign(buildEdoc(draft), pki.commune), depsFor(PROVINCE));
      expect(result).toMatchObject({ outcome: 'refused', code: TrustReasons.attachmentTampered });
      expect(await readDossier(db, s.dossier.code)).toBeUndefined();
      expect(await blobs.has(`sha256:${sha256(swapped)}`)).toBe(false);
    });

    it('refused at the edge (a forged signer): logged with its verdict, nothing remembered', async () => {
      const s = transferScenario({ code: `${COMMUNE.id}-261122-0006` });
      const result = await receivePackage(transferBytes(s, pki.forger), depsFor(PROVINCE), {
        exchangeId: 'vxp-in-6',
      });
      expect(result).toMatchObject({ outcome: 'refused', code: TrustReasons.certUntrusted });
      const log = await logOf('vxp-in-6');
      expect(log[0].signature).toMatchObject({ status: 'untrusted', reason: TrustReasons.certUntrusted });
      expect(await received(COMMUNE.id, s.transfer.documentId!)).toEqual([]);
      expect(await readDossier(db, s.dossier.code)).toBeUndefined();
    });
  });

  it('logs a large package by blob reference, its digest still in the log', async () => {
    const big = dossierFile('big', 'Hồ sơ scan.pdf', randomBytes(200_000));
    const s = transferScenario({ code: `${COMMUNE.id}-261122-0031`, files: [big] });
    const bytes = transferBytes(s);
    const result = await receivePackage(bytes, depsFor(PROVINCE), { exchangeId: 'vxp-big' });
    expect(result.outcome).toBe('accepted');
    const row = (
      await rows<{ body: Buffer | null; blob_ref: string | null; body_sha256: string }>(
        `SELECT body, blob_ref, body_sha256 FROM message_log WHERE message_id = 'vxp-big' AND system = 'idesk'`,
      )
    )[0];
    expect(row.body).toBeNull();
    expect(row.body_sha256).toBe(sha256(bytes));
    expect((await blobs.get(row.blob_ref!)).equals(bytes)).toBe(true);
  });

  describe('what the review found', () => {
    it('refuses a package whose From is not the sender the axis authenticated', async () => {
      const s = transferScenario({ code: `${COMMUNE.id}-261122-0021` });
      const result = await receivePackage(transferBytes(s), depsFor(PROVINCE), {
        exchangeId: 'vxp-spoof',
        sender: ELSEWHERE.id,
      });
      expect(result).toMatchObject({ outcome: 'refused', code: 'LT_EDXML_SENDER_MISMATCH' });
      expect(await readDossier(db, s.dossier.code)).toBeUndefined();
    });

    it('refuses a signed package whose dossier.json is not a dossier, instead of stalling the poller', async () => {
      const s = transferScenario({ code: `${COMMUNE.id}-261122-0022` });
      const draft = transferPackage(s.dossier, s.transfer, [], new Date());
      const broken = {
        ...draft,
        attachments: draft.attachments.map((a) =>
          'content' in a && a.name === DOSSIER_ATTACHMENT ? { ...a, content: Buffer.from('{}') } : a,
        ),
      };
      const result = await receivePackage(sign(buildEdoc(broken), pki.commune), depsFor(PROVINCE));
      expect(result).toMatchObject({ outcome: 'refused', code: 'LT_EDXML_BAD_VALUE' });
    });

    it('takes a transfer of a dossier it already holds: the transfer joins our copy (and owes 01)', async () => {
      const s = transferScenario({ code: `${COMMUNE.id}-261122-0023` });
      await receivePackage(transferBytes(s), depsFor(PROVINCE));
      const again = {
        ...s.transfer,
        id: 'T2',
        documentId: `${COMMUNE.id},2026/11/23,2/LT-${s.dossier.code}`,
      };
      const second = transferScenario({ code: s.dossier.code });
      second.dossier.transfers = [s.transfer, again];
      const bytes = sign(
        buildEdoc(transferPackage(second.dossier, again, second.files, new Date())),
        pki.commune,
      );
      const result = await receivePackage(bytes, depsFor(PROVINCE));
      expect(result.outcome).toBe('accepted');
      const held = (await readDossier(db, s.dossier.code))!;
      expect(held.transfers.map((t) => [t.id, t.status, t.statusCode])).toEqual([
        ['T1', 'received', '01'],
        ['T2', 'received', '01'],
      ]);
    });
  });

  describe('an official letter (no dossier.json)', () => {
    const letter = (subject: string, documentId: string): Buffer => {
      const s = transferScenario({ code: `${COMMUNE.id}-261122-0007` });
      const draft = transferPackage(s.dossier, { ...s.transfer, documentId }, [], new Date());
      const appendix = dossierFile('pl', 'Phụ lục.pdf', `Phụ lục ${documentId}`);
      const unsignedLetter: EdocDraft = {
        ...draft,
        header: { ...draft.header, subject },
        manifest: [{ contentId: 'cid:pl', attachmentName: 'Phụ lục.pdf', contentType: 'application/pdf' }],
        attachments: [{ contentId: 'cid:pl', name: 'Phụ lục.pdf', content: appendix.content, zip: true }],
      };
      expect(unsignedLetter.attachments.some((a) => a.name === DOSSIER_ATTACHMENT)).toBe(false);
      return sign(buildEdoc(unsignedLetter), pki.commune);
    };

    it('naming a dossier we hold: accepted against it, its attachment stored', async () => {
      const held = `${COMMUNE.id}-261122-0001`;
      const documentId = `${COMMUNE.id},2026/11/25,31/UBND-VP`;
      const result = await receivePackage(letter(`Bổ sung hồ sơ ${held}`, documentId), depsFor(PROVINCE));
      expect(result).toMatchObject({ outcome: 'accepted', dossierCode: held });
      expect(await blobs.has(`sha256:${sha256(Buffer.from(`Phụ lục ${documentId}`))}`)).toBe(true);
      expect((await received(COMMUNE.id, documentId))[0]).toMatchObject({ kind: 'edoc', dossier_code: held });
      // Its file joins the dossier, with the verdict it came with, and the timeline says who sent what.
      const dossier = (await readDossier(db, held))!;
      const doc = dossier.documents.find((d) => d.name === 'Phụ lục.pdf');
      expect(doc).toMatchObject({
        kind: 'result',
        sha256: sha256(Buffer.from(`Phụ lục ${documentId}`)),
        signature: { verdict: 'valid' },
      });
      expect(dossier.progress.at(-1)?.note).toContain(documentId);
      // The same letter again is a replay: nothing added twice.
      await receivePackage(letter(`Bổ sung hồ sơ ${held}`, documentId), depsFor(PROVINCE));
      expect((await readDossier(db, held))!.documents.filter((d) => d.name === 'Phụ lục.pdf')).toHaveLength(
        1,
      );
    });

    it('naming no dossier we hold: accepted, linked to none', async () => {
      const documentId = `${COMMUNE.id},2026/11/25,32/UBND-VP`;
      const result = await receivePackage(letter('Giấy mời họp', documentId), depsFor(PROVINCE));
      expect(result.outcome).toBe('accepted');
      expect(result.dossierCode).toBeUndefined();
      expect((await received(COMMUNE.id, documentId))[0]).toMatchObject({ dossier_code: null });
    });
  });

  it('a database failure throws (so the poller does not acknowledge) and stores nothing', async () => {
    const closed = await openDb({ databaseUrl: scratch.url, dataDir });
    await closed.close();
    const s = transferScenario({ code: `${COMMUNE.id}-261122-0008` });
    const deps = depsFor(PROVINCE, closed, new DossierService(closed, new StubRouter(), silentLogger));
    const failure = await receivePackage(transferBytes(s), deps, { exchangeId: 'vxp-in-8' }).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(LtError);
    expect(failure!.message).toMatch(/pool/);
    expect(await readDossier(db, s.dossier.code)).toBeUndefined();
    expect(await received(COMMUNE.id, s.transfer.documentId!)).toEqual([]);
    expect(await logOf('vxp-in-8')).toEqual([]);
  });

  it('a failure after the dossier is written throws; the package offered again completes, applied once', async () => {
    // The database goes away between the dossier and the received-packages row: the package is not
    // acknowledged, and the axis offers it again.
    let failNext = true;
    const flaky: Db = Object.create(db, {
      query: {
        value: (sql: string, params?: unknown[]) => {
          if (failNext && sql.includes('INSERT INTO edxml_received')) {
            failNext = false;
            return Promise.reject(new Error('connection terminated unexpectedly'));
          }
          return db.query(sql, params);
        },
      },
    });
    const s = transferScenario({ code: `${COMMUNE.id}-261122-0009` });
    const bytes = transferBytes(s);
    const deps = { ...depsFor(PROVINCE), db: flaky };
    await expect(receivePackage(bytes, deps, { exchangeId: 'vxp-in-9' })).rejects.toThrow(
      /connection terminated/,
    );
    expect(await received(COMMUNE.id, s.transfer.documentId!)).toEqual([]);
    expect(await logOf('vxp-in-9')).toEqual([]);
    const events = await eventCount(s.dossier.code);
    expect(events).toBe(1);

    const again = await receivePackage(bytes, deps, { exchangeId: 'vxp-in-9' });
    expect(again).toMatchObject({ outcome: 'accepted', dossierCode: s.dossier.code });
    expect(await eventCount(s.dossier.code)).toBe(1);
    expect((await readDossier(db, s.dossier.code))!.version).toBe(1);
    expect(await received(COMMUNE.id, s.transfer.documentId!)).toHaveLength(1);
    expect((await logOf('vxp-in-9')).map((r) => r.verdict)).toEqual(['accepted']);
  });
});
