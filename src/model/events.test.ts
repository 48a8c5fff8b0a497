import { LtError } from '../errors/lt-error';
import type { Dossier } from './dossier';
import {
  DOSSIER_EVENT_DATASCHEMA,
  DOSSIER_EVENT_TYPES,
  EVENT_SCHEMA,
  EVENT_SCHEMA_ID,
  createDossierEvent,
  createEvent,
  validateEvent,
} from './events';
import type { CloudEvent, DossierEventData } from './events';
import { readFixture } from './__tests__/fixtures';

const SOURCE = 'urn:lienthong:test';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function dossier(): Dossier {
  return readFixture('online-citizen-received.json') as unknown as Dossier;
}

function statusChanged(): CloudEvent<DossierEventData> {
  return createDossierEvent({
    dossier: dossier(),
    change: { kind: 'status_changed', from: 'registered', to: 'received', actor: 'igate' },
    source: SOURCE,
    time: '2022-09-21T09:00:00+07:00',
  });
}

function refusal(e: unknown): LtError {
  try {
    validateEvent(e);
  } catch (err) {
    if (err instanceof LtError) return err;
    throw err;
  }
  throw new Error('expected the event to be refused');
}

function paths(err: LtError): string[] {
  return (err.details?.errors as Array<{ path: string }>).map((e) => e.path);
}

describe('createEvent', () => {
  it('fills id, time and the fixed CloudEvents attributes', () => {
    const before = Date.now();
    const e = createEvent({ type: 'vn.lienthong.test.ping', subject: 'X-1', data: { a: 1 }, source: SOURCE });
    expect(e).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(UUID),
      source: SOURCE,
      type: 'vn.lienthong.test.ping',
      time: expect.stringMatching(/Z$/),
      subject: 'X-1',
      datacontenttype: 'application/json',
      data: { a: 1 },
    });
    expect(Date.parse(e.time)).toBeGreaterThanOrEqual(before - 1);
    expect(validateEvent(e)).toBe(e);
  });

  it('normalises the time to UTC and keeps a given id', () => {
    const fromString = createEvent({
      type: 't.x',
      subject: 's',
      data: null,
      source: SOURCE,
      time: '2022-09-21T09:00:00+07:00',
    });
    expect(fromString.time).toBe('2022-09-21T02:00:00.000Z');
    const fromDate = createEvent({
      type: 't.x',
      subject: 's',
      data: null,
      source: SOURCE,
      id: 'e-1',
      time: new Date(0),
    });
    expect(fromDate).toMatchObject({ id: 'e-1', time: '1970-01-01T00:00:00.000Z' });
  });

  it('refuses an unreadable time', () => {
    expect(() =>
      createEvent({ type: 't.x', subject: 's', data: null, source: SOURCE, time: 'yesterday' }),
    ).toThrow(expect.objectContaining({ code: 'LT_MODEL_INVALID_EVENT', kind: 'validation' }));
  });
});

describe('dossier events', () => {
  it('derive type, subject and dataschema from the change and the dossier', () => {
    const e = statusChanged();
    expect(e).toMatchObject({
      type: DOSSIER_EVENT_TYPES.statusChanged,
      subject: '000.00.53.H48-220921-0099',
      dataschema: DOSSIER_EVENT_DATASCHEMA,
      time: '2022-09-21T02:00:00.000Z',
    });
    expect(validateEvent(e)).toBe(e);
    expect(
      validateEvent(createDossierEvent({ dossier: dossier(), change: { kind: 'created' }, source: SOURCE }))
        .type,
    ).toBe(DOSSIER_EVENT_TYPES.created);
  });

  it('share their type list with the envelope schema', () => {
    const ifType = (EVENT_SCHEMA.if as { properties: { type: { enum: string[] } } }).properties.type.enum;
    expect(ifType).toEqual(Object.values(DOSSIER_EVENT_TYPES));
    expect(EVENT_SCHEMA.$id).toBe(EVENT_SCHEMA_ID);
  });

  it.each<[string, (e: CloudEvent<DossierEventData>) => void, string]>([
    ['a wrong specversion', (e) => Object.assign(e, { specversion: '0.3' }), '/specversion'],
    ['a missing subject', (e) => delete (e as Partial<CloudEvent>).subject, '/subject'],
    ['an unknown attribute', (e) => Object.assign(e, { traceparent: 'x' }), '/traceparent'],
    ['a local time', (e) => Object.assign(e, { time: '2022-09-21T09:00:00+07:00' }), '/time'],
    ['a status change without its ends', (e) => delete e.data.change.from, '/data/change/from'],
    ['an invalid dossier', (e) => Object.assign(e.data.dossier, { channel: 'fax' }), '/data/dossier/channel'],
    [
      'a duplicate document id',
      (e) => e.data.dossier.documents.push(e.data.dossier.documents[0]),
      '/data/dossier/documents/1/id',
    ],
    ['a subject that is not the dossier code', (e) => Object.assign(e, { subject: 'OTHER-1' }), '/subject'],
    [
      'a change kind that contradicts the type',
      (e) => Object.assign(e.data.change, { kind: 'updated' }),
      '/data/change/kind',
    ],
    [
      'a target status that is not the dossier status',
      (e) => Object.assign(e.data.change, { to: 'processing' }),
      '/data/change/to',
    ],
  ])('refuses %s', (_name, spoil, path) => {
    const e = statusChanged();
    spoil(e);
    const err = refusal(e);
    expect(err.code).toBe('LT_MODEL_INVALID_EVENT');
    expect(paths(err)).toContain(path);
    expect(err.detail).toMatch(/^event is invalid: /);
  });

  it('never echoes the identity number of a dossier it refuses', () => {
    const e = statusChanged();
    e.data.dossier.applicant.identity = { kind: 'cccd', number: '00109900000X' };
    expect(JSON.stringify(refusal(e).toBody())).not.toContain('00109900000X');
  });
});
