import { randomUUID } from 'node:crypto';
import { LtError } from '../errors/lt-error';
import type { Dossier } from './dossier';
import type { DossierStatus } from './status';
import { EVENT_SCHEMA_ID, validatorFor } from './schemas';
import { describeProblems, toProblems } from './schema-errors';
import type { SchemaProblem } from './schema-errors';
import { dossierProblems } from './validate';

export { EVENT_SCHEMA, EVENT_SCHEMA_ID } from './schemas';

/**
 * A CloudEvents 1.0 envelope in its JSON format. Every state change is recorded and sent as one of these;
 * `subject` is the dossier code, so per-dossier ordering and evidence export key on it.
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  /** Unique per source; receivers dedupe on it. */
  id: string;
  /** URI-reference of the producer, e.g. `urn:lienthong:adapter:igate`. */
  source: string;
  /** Reverse-DNS type, see {@link DOSSIER_EVENT_TYPES}. */
  type: string;
  /** When it happened, ISO 8601 UTC. */
  time: string;
  /** The dossier code. */
  subject: string;
  datacontenttype: 'application/json';
  /** Schema of `data`, when it has one. */
  dataschema?: string;
  data: T;
}

/** CloudEvents types of dossier events. */
export const DOSSIER_EVENT_TYPES = {
  created: 'vn.lienthong.dossier.created',
  statusChanged: 'vn.lienthong.dossier.status_changed',
  updated: 'vn.lienthong.dossier.updated',
} as const;
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[keyof typeof DOSSIER_EVENT_TYPES];

export type DossierChangeKind = 'created' | 'status_changed' | 'updated';

const TYPE_BY_KIND: Record<DossierChangeKind, DossierEventType> = {
  created: DOSSIER_EVENT_TYPES.created,
  status_changed: DOSSIER_EVENT_TYPES.statusChanged,
  updated: DOSSIER_EVENT_TYPES.updated,
};

/** `dataschema` of dossier events: the payload definition inside the envelope schema. */
export const DOSSIER_EVENT_DATASCHEMA = `${EVENT_SCHEMA_ID}#/$defs/dossierEventData`;

/** Payload of a dossier event: the dossier after the change (a full snapshot) and what changed. */
export interface DossierEventData {
  dossier: Dossier;
  change: {
    kind: DossierChangeKind;
    /** Status before (required for status_changed). */
    from?: DossierStatus;
    /** Status after (required for status_changed; equals `dossier.status`). */
    to?: DossierStatus;
    note?: string;
    /** Who caused it: an operator name, an API key name or an adapter. */
    actor?: string;
    /** Index of the first progress step this change added (partners that take progress send only these). */
    progressFrom?: number;
  };
}

function invalid(problems: SchemaProblem[]): LtError {
  return new LtError('LT_MODEL_INVALID_EVENT', 'validation', describeProblems('event', problems), {
    details: { errors: problems },
  });
}

function isoTime(time: Date | string | undefined): string {
  const d = time === undefined ? new Date() : time instanceof Date ? time : new Date(time);
  if (Number.isNaN(d.getTime())) throw invalid([{ path: '/time', message: 'must be a valid date-time' }]);
  return d.toISOString();
}

/** Builds an envelope; `id` defaults to a random UUID and `time` to now, both normalised to UTC. */
export function createEvent<T>(input: {
  type: string;
  subject: string;
  data: T;
  source: string;
  id?: string;
  time?: Date | string;
  dataschema?: string;
}): CloudEvent<T> {
  const event: CloudEvent<T> = {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    time: isoTime(input.time),
    subject: input.subject,
    datacontenttype: 'application/json',
    data: input.data,
  };
  if (input.dataschema !== undefined) event.dataschema = input.dataschema;
  return event;
}

/** Builds a dossier event whose type, subject and dataschema follow from the change and the dossier. */
export function createDossierEvent(input: {
  dossier: Dossier;
  change: DossierEventData['change'];
  source: string;
  id?: string;
  time?: Date | string;
}): CloudEvent<DossierEventData> {
  return createEvent({
    type: TYPE_BY_KIND[input.change.kind],
    subject: input.dossier.code,
    data: { dossier: input.dossier, change: input.change },
    source: input.source,
    id: input.id,
    time: input.time,
    dataschema: DOSSIER_EVENT_DATASCHEMA,
  });
}

/** Checks the schema cannot express for dossier events: the envelope agrees with its payload. */
function dossierEventProblems(e: CloudEvent<DossierEventData>): SchemaProblem[] {
  const { dossier, change } = e.data;
  const problems = dossierProblems(dossier).map((p) => ({ ...p, path: `/data/dossier${p.path}` }));
  if (e.subject !== dossier.code)
    problems.push({ path: '/subject', message: 'must equal /data/dossier/code' });
  if (TYPE_BY_KIND[change.kind] !== e.type) {
    problems.push({ path: '/data/change/kind', message: `must match the event type ${e.type}` });
  }
  if (change.to !== undefined && change.to !== dossier.status) {
    problems.push({ path: '/data/change/to', message: 'must equal /data/dossier/status' });
  }
  return problems;
}

/** Validates an envelope (and, for dossier types, its payload). Throws LT_MODEL_INVALID_EVENT. */
export function validateEvent(e: unknown): CloudEvent {
  const validate = validatorFor(EVENT_SCHEMA_ID);
  if (!validate(e)) throw invalid(toProblems(validate.errors));
  const event = e as CloudEvent;
  if ((Object.values(DOSSIER_EVENT_TYPES) as string[]).includes(event.type)) {
    const problems = dossierEventProblems(event as CloudEvent<DossierEventData>);
    if (problems.length > 0) throw invalid(problems);
  }
  return event;
}
