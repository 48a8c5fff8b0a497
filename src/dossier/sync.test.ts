import { LtError } from '../errors';
import type { Dossier, DossierStatus } from '../model';
import { validateDossier } from '../model';
import { readFixture } from '../model/__tests__/fixtures';
import { syncExisting, syncNew } from './sync';
import type { DossierSnapshot, SyncInput } from './sync';

/** The stored copy: the received online dossier (progress registered 01:10, received 02:00 on 2022-09-21). */
function stored(overrides: Partial<Dossier> = {}): Dossier {
  return { ...validateDossier(readFixture('online-citizen-received.json')), ...overrides };
}

/** What the partner's mapping would produce for the stored dossier: everything but the gateway's fields. */
function snapshotOf(d: Dossier, overrides: Partial<DossierSnapshot> = {}): DossierSnapshot {
  const {
    schemaVersion: _s,
    version: _v,
    progress: _p,
    payments: _pay,
    shipments: _sh,
    transfers: _t,
    supplements: _sup,
    ...partner
  } = structuredClone(d);
  return { ...partner, ...overrides };
}

const LATER = '2022-09-22T03:00:00.000Z';

function input(snapshot: DossierSnapshot, extra: Partial<SyncInput> = {}): SyncInput {
  return { snapshot, observedAt: LATER, actor: 'igate', ...extra };
}

describe('syncNew', () => {
  it('starts the history of a received dossier with one reception step at its receivedAt', () => {
    const snapshot = snapshotOf(stored());
    const { dossier, change } = syncNew(input(snapshot));
    expect(dossier.version).toBe(1);
    expect(dossier.progress).toEqual([
      { status: 'received', at: snapshot.times?.receivedAt, note: 'Tiếp nhận hồ sơ' },
    ]);
    expect(change).toEqual({ kind: 'created', to: 'received', actor: 'igate', progressFrom: 0 });
  });

  it('adds the step the partner is at after the reception, with its note', () => {
    const snapshot = snapshotOf(stored(), { status: 'processing' });
    const { dossier } = syncNew(input(snapshot, { note: 'Đang thẩm định' }));
    expect(dossier.progress.map((p) => [p.status, p.at, p.note])).toEqual([
      ['received', snapshot.times?.receivedAt, 'Tiếp nhận hồ sơ'],
      ['processing', LATER, 'Đang thẩm định'],
    ]);
  });

  it('stamps the milestone of the status it is first seen in', () => {
    const snapshot = snapshotOf(stored(), { status: 'returned' });
    const { dossier } = syncNew(input(snapshot));
    expect(dossier.times.returnedAt).toBe(LATER);
    expect(dossier.progress[dossier.progress.length - 1]).toMatchObject({
      status: 'returned',
      note: 'first seen by igate',
    });
  });
});

describe('syncExisting', () => {
  it('returns undefined when nothing the partner owns changed', () => {
    const current = stored();
    expect(syncExisting(current, input(snapshotOf(current)))).toBeUndefined();
  });

  it('returns undefined when only gateway-owned fields differ in the snapshot', () => {
    const current = stored();
    const snapshot = {
      ...snapshotOf(current),
      version: 99,
      schemaVersion: 1,
      progress: [],
      payments: [{ id: 'p1', amount: 1, status: 'paid' }] as unknown as Dossier['payments'],
      transfers: [{ id: 't1' }] as unknown as Dossier['transfers'],
    } as DossierSnapshot;
    expect(syncExisting(current, input(snapshot))).toBeUndefined();
  });

  it('returns undefined when the snapshot leaves out times and ids (merged, not erased)', () => {
    const current = stored();
    const snapshot = snapshotOf(current, { times: {}, externalIds: {} });
    expect(syncExisting(current, input(snapshot))).toBeUndefined();
  });

  it('accepts a status jump (processing → returned) with one progress step and the time stamped', () => {
    const current = stored({
      status: 'processing',
      version: 3,
      progress: [
        ...stored().progress,
        { status: 'processing', at: '2022-09-21T03:00:00Z', note: 'Chuyển xử lý' },
      ],
    });
    const result = syncExisting(
      current,
      input(snapshotOf(current, { status: 'returned' }), { note: 'Đã trả kết quả' }),
    );
    expect(result).toBeDefined();
    const { dossier, change } = result!;
    expect(dossier.status).toBe('returned');
    expect(dossier.version).toBe(4);
    expect(dossier.progress).toHaveLength(current.progress.length + 1);
    expect(dossier.progress.slice(0, -1)).toEqual(current.progress);
    expect(dossier.progress[dossier.progress.length - 1]).toEqual({
      status: 'returned',
      at: LATER,
      note: 'Đã trả kết quả',
    });
    expect(dossier.times.returnedAt).toBe(LATER);
    // Earlier milestones are not restamped.
    expect(dossier.times.receivedAt).toBe(current.times.receivedAt);
    expect(change).toEqual({
      kind: 'status_changed',
      from: 'processing',
      to: 'returned',
      actor: 'igate',
      progressFrom: current.progress.length,
    });
  });

  it('names the actor in the step note when the partner gives none', () => {
    const current = stored();
    const { dossier } = syncExisting(current, input(snapshotOf(current, { status: 'processing' })))!;
    expect(dossier.progress[dossier.progress.length - 1].note).toBe('by igate');
  });

  it('records a change that does not move the status as updated, without a progress step', () => {
    const current = stored();
    const result = syncExisting(current, input(snapshotOf(current, { summary: 'Trích yếu đã sửa' })));
    expect(result?.dossier.summary).toBe('Trích yếu đã sửa');
    expect(result?.dossier.version).toBe(current.version + 1);
    expect(result?.dossier.progress).toEqual(current.progress);
    expect(result?.change).toEqual({ kind: 'updated', actor: 'igate', progressFrom: 2 });
  });

  it('ignores a snapshot observed before the newest progress step (stale)', () => {
    const current = stored();
    const newest = current.progress[current.progress.length - 1].at;
    const before = new Date(Date.parse(newest) - 1000).toISOString();
    const snapshot = snapshotOf(current, { status: 'processing', summary: 'cũ' });
    expect(syncExisting(current, input(snapshot, { observedAt: before }))).toBeUndefined();
    // The same snapshot observed at the newest step's time is not stale.
    expect(syncExisting(current, input(snapshot, { observedAt: newest }))?.dossier.status).toBe('processing');
  });

  it('does not count another agency’s notes (same status) when judging a snapshot stale', () => {
    const current = stored();
    const newest = current.progress[current.progress.length - 1];
    const later = new Date(Date.parse(newest.at) + 60_000).toISOString();
    // A transfer's status message, stamped by the other agency's clock after the owner's last move.
    const withNote = {
      ...current,
      progress: [
        ...current.progress,
        { status: newest.status, at: later, note: 'UBND tỉnh: Đã đến (edXML 01)' },
      ],
    };
    const between = new Date(Date.parse(newest.at) + 30_000).toISOString();
    const snapshot = snapshotOf(withNote, { status: 'processing' });
    expect(syncExisting(withNote, input(snapshot, { observedAt: between }))?.dossier.status).toBe(
      'processing',
    );
  });

  it.each<DossierStatus>(['returned', 'rejected', 'withdrawn', 'stopped'])(
    'refuses any move out of %s with LT_MODEL_INVALID_TRANSITION (conflict)',
    (terminal) => {
      const current = stored({ status: terminal });
      let thrown: unknown;
      try {
        syncExisting(current, input(snapshotOf(current, { status: 'processing' })));
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(LtError);
      expect(thrown).toMatchObject({
        code: 'LT_MODEL_INVALID_TRANSITION',
        kind: 'conflict',
        retryable: false,
        details: { from: terminal, to: 'processing' },
      });
    },
  );

  it('lets a closed dossier take a correction that does not move it', () => {
    const current = stored({ status: 'returned' });
    const result = syncExisting(current, input(snapshotOf(current, { summary: 'sửa chính tả' })));
    expect(result?.change.kind).toBe('updated');
    expect(result?.dossier.status).toBe('returned');
  });

  it('never overwrites gateway-owned fields with the snapshot', () => {
    const current = stored({
      version: 5,
      supplements: [{ id: 'bs-1', requestedAt: '2022-09-21T02:30:00Z', status: 'requested' }],
    });
    const snapshot = {
      ...snapshotOf(current, { status: 'processing' }),
      schemaVersion: 1,
      version: 1,
      progress: [{ status: 'processing', at: LATER }],
      payments: [],
      shipments: [],
      transfers: [],
      supplements: [],
    } as DossierSnapshot;
    const { dossier } = syncExisting(current, input(snapshot))!;
    expect(dossier.version).toBe(6);
    expect(dossier.supplements).toEqual(current.supplements);
    expect(dossier.payments).toEqual(current.payments);
    expect(dossier.shipments).toEqual(current.shipments);
    expect(dossier.transfers).toEqual(current.transfers);
    expect(dossier.progress).toEqual([
      ...current.progress,
      { status: 'processing', at: LATER, note: 'by igate' },
    ]);
  });

  it('merges externalIds and times instead of replacing them', () => {
    const current = stored();
    const snapshot = snapshotOf(current, {
      externalIds: { dvcqg: '000.00.53.H48-220921-0099' },
      times: { dueAt: '2022-09-30T10:00:00Z' },
    });
    const { dossier } = syncExisting(current, input(snapshot))!;
    expect(dossier.externalIds).toEqual({
      igate: current.externalIds.igate,
      dvcqg: '000.00.53.H48-220921-0099',
    });
    expect(dossier.times).toEqual({ ...current.times, dueAt: '2022-09-30T10:00:00Z' });
  });

  it('leaves ifAbsent to the service: syncExisting computes the change regardless', () => {
    const current = stored();
    const result = syncExisting(
      current,
      input(snapshotOf(current, { status: 'processing' }), { ifAbsent: true }),
    );
    expect(result?.change.kind).toBe('status_changed');
  });
});
