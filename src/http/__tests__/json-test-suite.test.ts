import fs from 'node:fs';
import path from 'node:path';
import { vectorDir } from '../../../test/vectors';
import type { ChangeResponse } from '../deps';
import { FakeDossiers } from '../__fixtures__/fake-dossiers';
import { OPERATOR_KEY, startTestServer } from '../__fixtures__/test-server';
import type { TestServer } from '../__fixtures__/test-server';

/** nst/JSONTestSuite parsing vectors, read in place from the shared vector set. */
const DIR = vectorDir('other', 'json-test-suite', 'test_parsing');
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

class RecordingDossiers extends FakeDossiers {
  override async create(input: unknown): Promise<ChangeResponse> {
    this.calls.push({ method: 'create', args: [input] });
    return { dossier: {}, eventId: 'ev', status: 201 };
  }
}

describe('JSONTestSuite vectors through POST /api/v1/dossiers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dossiers: new RecordingDossiers(), http: { bodyLimit: '1mb' } });
  });
  afterAll(async () => server.close());

  const post = async (file: string) => {
    const before = server.dossiers.calls.length;
    const res = await fetch(`${server.url}/api/v1/dossiers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': OPERATOR_KEY },
      body: fs.readFileSync(path.join(DIR, file)),
    });
    const body = (await res.json()) as { code?: string };
    return { status: res.status, code: body.code, reached: server.dossiers.calls.length > before };
  };

  it.each(files.filter((f) => f.startsWith('n_')))('%s (must reject) is refused with a 4xx', async (file) => {
    const res = await post(file);
    expect(res.reached).toBe(false);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it.each(files.filter((f) => f.startsWith('i_')))(
    '%s (implementation-defined) never fails the gateway',
    async (file) => {
      const res = await post(file);
      expect(res.status).toBeLessThan(500);
    },
  );
});
