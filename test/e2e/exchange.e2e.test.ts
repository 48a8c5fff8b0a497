import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startDvcqgSimulator } from '../../adapters/dvcqg/simulator';
import { buildEdoc, signEdxml } from '../../adapters/idesk/edxml';
import { transferPackage } from '../../adapters/idesk/packages';
import { startVxpSimulator } from '../../adapters/idesk/simulator';
import type { RunningVxpSimulator } from '../../adapters/idesk/simulator';
import { FileBlobStore } from '../../src/blob/store';
import type { Dossier } from '../../src/model';
import { readFixture } from '../../src/model/__tests__/fixtures';
import { OPERATOR_KEY, spawnGateway, writeConfig } from '../integration/support/gateway-process';
import type { GatewayProcess } from '../integration/support/gateway-process';
import { TEST_REDIS_URL, createTestDatabase, uniqueName, waitFor } from '../integration/support/services';
import { vectorDir } from '../vectors';
import { createTestPki } from './support/pki';
import type { TestIdentity } from './support/pki';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
type Json = any;

const COMMUNE = { id: '000.01.53.H48', name: 'UBND xã Bình Sơn', level: 'commune' };
const PROVINCE = { id: '000.00.00.H48', name: 'UBND tỉnh Quảng Ngãi', level: 'province' };
const SYSTEMS = [
  { systemId: 'vxp.saas.11', secrets: ['e2e-secret-commune'], agencies: [COMMUNE.id] },
  { systemId: 'vxp.saas.12', secrets: ['e2e-secret-province'], agencies: [PROVINCE.id] },
];

interface Agency {
  gateway: GatewayProcess;
  db: { url: string; drop(): Promise<void> };
  dataDir: string;
  identity: TestIdentity;
}

/**
 * Two agencies, each with its own gateway (own OS process, own PostgreSQL database), exchanging a dossier
 * over the simulated national axis: the commune transfers it to the province, the province's status
 * messages come back into the commune's timeline and on to the national portal. Hostile packages planted
 * on the axis for the province are refused with their reason and logged, and the genuine traffic around
 * them goes through.
 */
describe('two agencies through the document exchange axis', () => {
  let vxp: RunningVxpSimulator;
  let dvcqg: Awaited<ReturnType<typeof startDvcqgSimulator>>;
  let commune: Agency;
  let province: Agency;
  const pki = createTestPki();
  let seq = 0;

  const api = async (agency: Agency, method: string, url: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${agency.gateway.url}${url}`, {
      method,
      headers: { 'X-API-Key': OPERATOR_KEY, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const dossierAt = async (agency: Agency, code: string): Promise<Dossier | undefined> => {
    const res = await api(agency, 'GET', `/api/v1/dossiers/${encodeURIComponent(code)}`);
    return res.status === 200 ? (res.body.dossier as Dossier) : undefined;
  };
  const sql = async <T>(agency: Agency, text: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: agency.db.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const refusals = (agency: Agency) =>
    sql<{ detail: string; signature: Json; message_id: string | null }>(
      agency,
      `SELECT detail, signature, message_id FROM message_log WHERE system = 'idesk' AND direction = 'in' AND verdict = 'rejected' ORDER BY id`,
    );

  /** A dossier of the commune with one real file in the commune gateway's blob store. */
  const newDossier = async (): Promise<{ code: string; file: Buffer }> => {
    seq += 1;
    const code = `${COMMUNE.id}-261122-${String(seq).padStart(4, '0')}`;
    const file = Buffer.from(`%PDF-1.4\n% Đơn đề nghị ${code}\n${'x'.repeat(2000)}\n%%EOF\n`);
    const sha = createHash('sha256').update(file).digest('hex');
    await new FileBlobStore(path.join(commune.dataDir, 'blobs')).put(file);
    const d = readFixture('online-citizen-received.json') as Json;
    const body = {
      ...d,
      code,
      agency: COMMUNE,
      documents: [
        {
          id: 'tp01',
          kind: 'submitted',
          name: 'Đơn đề nghị.pdf',
          mediaType: 'application/pdf',
          sha256: sha,
          size: file.length,
          blobRef: `sha256:${sha}`,
        },
      ],
    };
    delete body.version;
    delete body.progress;
    delete body.schemaVersion;
    const res = await api(commune, 'POST', '/api/v1/dossiers', body);
    expect(res.status).toBe(201);
    return { code, file };
  };

  const startAgency = async (
    agency: { id: string },
    system: (typeof SYSTEMS)[number],
    extra: Record<string, unknown> = {},
  ): Promise<Agency> => {
    const db = await createTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-agency-'));
    const identity = pki.issue(`agency-${agency.id}`);
    const config = writeConfig({
      gateway: { dataDir },
      auth: { apiKeys: [{ name: 'e2e', key: OPERATOR_KEY, role: 'operator' }] },
      trust: { anchorsDir: pki.rootsDir },
      delivery: {
        queuePrefix: uniqueName('ltx'),
        sweepIntervalMs: 200,
        policy: {
          attempts: 30,
          backoff: { initialMs: 100, maxMs: 1000 },
          circuitBreaker: { failureThreshold: 1000 },
        },
      },
      systems: {
        idesk: {
          agencies: [agency.id],
          vxp: { endpoint: vxp.url, systemId: system.systemId, secret: system.secrets[0] },
          signing: { keyFile: identity.keyFile, certificateFile: identity.certificateFile },
          poll: { intervalMs: 200 },
        },
        ...extra,
      },
    });
    const gateway = await spawnGateway({
      LIENTHONG_CONFIG: config,
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
    });
    return { gateway, db, dataDir, identity };
  };

  /** Plants a package on the axis for the province, as if the commune (or someone claiming to be) sent it. */
  const plant = async (bytes: Buffer): Promise<string> => {
    const res = await fetch(`${vxp.url}/_sim/inject?from=${COMMUNE.id}&to=${PROVINCE.id}&messagetype=edoc`, {
      method: 'POST',
      body: new Uint8Array(bytes),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as Json).deliveries[0].docId as string;
  };
  const ackOf = async (docId: string): Promise<string> =>
    waitFor(
      `the province acknowledges ${docId}`,
      async () => {
        const view = (await (await fetch(`${vxp.url}/_sim/agencies/${PROVINCE.id}`)).json()) as Json;
        return ((view.acknowledgements ?? []) as Json[]).find((a) => a.docId === docId)?.status as
          string | undefined;
      },
      30_000,
      100,
    );

  /** A transfer package of a made-up dossier, signed by whoever `signer` is. */
  const forgedTransfer = async (
    signer: TestIdentity,
    mutate?: (xml: string) => string,
  ): Promise<{ code: string; bytes: Buffer }> => {
    seq += 1;
    const code = `${COMMUNE.id}-261122-${String(9000 + seq)}`;
    const dossier = {
      ...(readFixture('online-citizen-received.json') as Json),
      code,
      agency: COMMUNE,
      documents: [],
    };
    const transfer = {
      id: 'T1',
      from: { id: COMMUNE.id },
      to: { id: PROVINCE.id },
      at: new Date().toISOString(),
      documentId: `${COMMUNE.id},2026/11/22,1/LT-${code}`,
      status: 'sent' as const,
    };
    dossier.transfers = [transfer];
    const attachment = {
      document: {
        id: 'x',
        kind: 'submitted',
        name: 'x.pdf',
        mediaType: 'application/pdf',
        sha256: '0'.repeat(64),
        size: 4,
      },
      content: Buffer.from('%PDF'),
    };
    const xml = buildEdoc(transferPackage(dossier as Dossier, transfer, [attachment as Json], new Date()));
    const signed = signEdxml(xml, { privateKey: signer.keyPem, certificatePem: signer.certificatePem });
    return { code, bytes: Buffer.from(mutate ? mutate(signed.toString('utf8')) : signed.toString('utf8')) };
  };

  beforeAll(async () => {
    vxp = await startVxpSimulator({ systems: SYSTEMS });
    dvcqg = await startDvcqgSimulator({ port: 0 });
    commune = await startAgency(COMMUNE, SYSTEMS[0], {
      dvcqg: { baseUrl: dvcqg.url, username: 'lienthong', password: 'sandbox-password', dstcode: 'DVCQG' },
    });
    province = await startAgency(PROVINCE, SYSTEMS[1]);
  });

  afterAll(async () => {
    await commune?.gateway.stop();
    await province?.gateway.stop();
    await vxp?.close();
    await dvcqg?.close();
    await commune?.db.drop();
    await province?.db.drop();
  });

  const transferAndComplete = async (): Promise<string> => {
    const { code, file } = await newDossier();
    const asked = await api(commune, 'POST', `/api/v1/dossiers/${code}/transfers`, {
      to: { id: PROVINCE.id, name: PROVINCE.name },
      reason: 'Chuyển tỉnh thẩm định',
    });
    expect(asked.status).toBe(200);
    // The province receives the dossier, with its file, byte for byte.
    const there = await waitFor('the province has the dossier', () => dossierAt(province, code), 30_000, 100);
    expect(there.transfers[0]).toMatchObject({
      from: { id: COMMUNE.id },
      to: { id: PROVINCE.id },
      status: 'received',
    });
    const blob = await new FileBlobStore(path.join(province.dataDir, 'blobs')).get(
      there.documents[0].blobRef!,
    );
    expect(blob.equals(file)).toBe(true);
    // The province works on it; each step goes back to the commune as a status message.
    expect(
      (await api(province, 'POST', `/api/v1/dossiers/${code}/transitions`, { to: 'processing' })).status,
    ).toBe(200);
    expect(
      (await api(province, 'POST', `/api/v1/dossiers/${code}/transitions`, { to: 'resolved' })).status,
    ).toBe(200);
    const home = await waitFor(
      'the commune sees the transfer completed',
      async () => {
        const d = await dossierAt(commune, code);
        return d?.transfers[0]?.status === 'completed' ? d : undefined;
      },
      30_000,
      100,
    );
    const notes = home.progress.map((p) => p.note ?? '');
    expect(notes.filter((n) => /\(edXML (01|05|06)\)$/.test(n)).map((n) => n.slice(-3, -1))).toEqual([
      '01',
      '05',
      '06',
    ]);
    expect(home.transfers[0]).toMatchObject({ statusCode: '06' });
    return code;
  };

  it('transfers a dossier with its file; the receiving agency’s status messages reach the timeline and the national portal', async () => {
    const code = await transferAndComplete();
    const record = await waitFor('the portal has the province’s steps', async () => {
      const res = await fetch(`${dvcqg.url}/_sim/dossiers/${encodeURIComponent(code)}`);
      const r = res.status === 200 ? ((await res.json()) as Json) : undefined;
      const steps = (r?.progress ?? []).map((p: Json) => String(p.NoiDungXuLy));
      return steps.some((s: string) => s.includes('edXML 06')) ? steps : undefined;
    });
    expect(record.some((s: string) => s.includes('edXML 05'))).toBe(true);
    // Every accepted package carries its signature verdict in the message log.
    const verdicts = await sql<{ signature: Json }>(
      province,
      `SELECT signature FROM message_log WHERE system = 'idesk' AND direction = 'in' AND verdict = 'accepted'`,
    );
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts[0].signature).toMatchObject({
      status: 'valid',
      reason: 'LT_TRUST_OK',
      trustedBy: 'chain',
      algorithms: { signature: 'rsa-sha256' },
    });
    expect(verdicts[0].signature.signer.subject).toMatch(new RegExp(`agency-${COMMUNE.id}`));
  });

  it('refuses forged, expired, tampered, replayed and hostile packages with their reasons; genuine traffic goes on', async () => {
    const attacker = pki.selfSigned('attacker');
    const expired = pki.issue('agency-expired', { startDate: '20200101000000Z', endDate: '20210101000000Z' });
    const forged = await forgedTransfer(attacker);
    const stale = await forgedTransfer(expired);
    const tampered = await forgedTransfer(commune.identity, (xml) =>
      xml.replace(
        /(ContentTransferEncoded[^>]*>\s*)([A-Za-z0-9+/])/,
        (_m, tag: string, c: string) => `${tag}${c === 'A' ? 'B' : 'A'}`,
      ),
    );
    const badValue = await forgedTransfer(commune.identity, (xml) =>
      xml.replace(
        /(<(?:ds:)?SignatureValue>)([A-Za-z0-9+/])/,
        (_m, tag: string, c: string) => `${tag}${c === 'A' ? 'B' : 'A'}`,
      ),
    );
    const bomb = fs.readFileSync(path.join(vectorDir('hostile-xml', 'defusedxml'), 'xmlbomb.xml'));
    // A genuine package seen before, planted again.
    const genuine = await transferAndComplete();
    const original = (
      await sql<{ exchange_id: string }>(
        province,
        `SELECT exchange_id FROM edxml_received WHERE dossier_code = $1 AND kind = 'edoc'`,
        [genuine],
      )
    )[0];
    const replayBytes = Buffer.from(
      await (await fetch(`${vxp.url}/_sim/packages/${original.exchange_id}`)).arrayBuffer(),
    );

    const planted = {
      forged: await plant(forged.bytes),
      expired: await plant(stale.bytes),
      tampered: await plant(tampered.bytes),
      badValue: await plant(badValue.bytes),
      replay: await plant(replayBytes),
      bomb: await plant(bomb),
    };
    // Genuine traffic planted among them still flows.
    const after = await transferAndComplete();

    for (const docId of Object.values(planted)) await ackOf(docId);
    const log = await refusals(province);
    const reasonOf = (docId: string) => log.find((r) => r.message_id === docId)?.detail.split(':')[0];
    expect({
      forged: reasonOf(planted.forged),
      expired: reasonOf(planted.expired),
      tampered: reasonOf(planted.tampered),
      badValue: reasonOf(planted.badValue),
      replay: reasonOf(planted.replay),
      bomb: reasonOf(planted.bomb),
    }).toEqual({
      forged: 'LT_CERT_UNTRUSTED',
      expired: 'LT_CERT_EXPIRED',
      tampered: 'LT_SIG_DIGEST_MISMATCH',
      badValue: 'LT_SIG_BAD_SIGNATURE',
      replay: 'LT_SIG_REPLAY',
      bomb: 'LT_XML_DOCTYPE_FORBIDDEN',
    });
    // Each refusal carries the verdict; a hostile document is logged as unusable.
    const bombRow = log.find((r) => r.message_id === planted.bomb)!;
    expect(bombRow.signature).toMatchObject({ status: 'unusable', reason: 'LT_XML_DOCTYPE_FORBIDDEN' });
    expect(log.find((r) => r.message_id === planted.expired)!.signature.signer.subject).toMatch(
      /agency-expired/,
    );
    // Nothing was accepted from them.
    for (const code of [forged.code, stale.code, tampered.code, badValue.code]) {
      expect(await dossierAt(province, code)).toBeUndefined();
    }
    const accepted = await sql<{ n: number }>(
      province,
      `SELECT count(*)::int AS n FROM message_log WHERE system = 'idesk' AND verdict = 'accepted' AND message_id = ANY($1)`,
      [Object.values(planted)],
    );
    expect(accepted[0].n).toBe(0);
    // The axis was told: refused packages acknowledged `fail` (a replay is acknowledged done: it is stored already).
    expect(await ackOf(planted.forged)).toBe('fail');
    expect(await ackOf(planted.bomb)).toBe('fail');
    expect((await dossierAt(commune, after))?.transfers[0].status).toBe('completed');
  });
});
