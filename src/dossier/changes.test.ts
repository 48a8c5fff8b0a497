import fs from 'node:fs';
import path from 'node:path';
import { applyTransition, parseTransitionInput, prepareNewDossier } from './changes';

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../test/fixtures/dossiers/online-citizen-received.json'), 'utf8'),
) as Record<string, unknown>;

describe('prepareNewDossier', () => {
  it('sets the versions the gateway owns and a first progress step', () => {
    const { version: _v, progress: _p, ...input } = fixture;
    const d = prepareNewDossier({ ...input, version: 7 }, 'tester');
    expect(d.version).toBe(1);
    expect(d.schemaVersion).toBe(1);
    expect(d.progress).toHaveLength(1);
    expect(d.progress[0].status).toBe(d.status);
  });

  it('refuses a non-object and an invalid dossier with the schema path', () => {
    expect(() => prepareNewDossier([], 'x')).toThrow(
      expect.objectContaining({ code: 'LT_MODEL_INVALID_DOSSIER' }),
    );
    expect(() => prepareNewDossier({ ...fixture, channel: 'fax' }, 'x')).toThrow(/\/channel/);
  });
});

describe('parseTransitionInput', () => {
  it('accepts a status with optional time, note and actor', () => {
    const r = parseTransitionInput({ to: 'processing', at: '2026-01-02T03:04:05+07:00', note: 'n' });
    expect(r).toMatchObject({ to: 'processing', at: '2026-01-01T20:04:05.000Z', note: 'n' });
  });

  it.each([
    [{}, /"to"/],
    [{ to: 'done' }, /"to" must be one of/],
    [{ to: 'processing', at: 'yesterday' }, /"at"/],
    [{ to: 'processing', note: 5 }, /"note"/],
    [{ to: 'processing', actor: 'me' }, /"actor"/],
  ])('refuses %j', (input, message) => {
    expect(() => parseTransitionInput(input)).toThrow(message);
  });
});

describe('applyTransition', () => {
  it('bumps the version, appends a progress step and stamps the milestone time once', () => {
    const d = prepareNewDossier(fixture, 'x');
    const at = '2026-03-01T01:00:00.000Z';
    const next = applyTransition({ ...d, status: 'processing' }, { to: 'resolved', at }, 'officer');
    expect(next.version).toBe(d.version + 1);
    expect(next.status).toBe('resolved');
    expect(next.times.finishedAt).toBe(at);
    expect(next.progress[next.progress.length - 1]).toMatchObject({
      status: 'resolved',
      at,
      note: 'by officer',
    });
    const received = applyTransition(d, { to: 'received', at }, 'x');
    expect(received.times.receivedAt).toBe(d.times.receivedAt ?? at);
  });
});
