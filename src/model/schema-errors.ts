import type { ErrorObject } from 'ajv/dist/2020';

/** One schema problem: a JSON pointer into the input and what is wrong there. */
export interface SchemaProblem {
  /** JSON pointer of the offending value (`''` = the whole document). */
  path: string;
  message: string;
}

/**
 * Plain words for patterns whose regex would not help the reader, keyed by the end of the schema path.
 * Date-times are the common case: an offset such as +07:00 is valid ISO 8601 but not UTC.
 */
const PATTERN_HINTS: ReadonlyArray<[suffix: string, message: string]> = [
  ['/dateTime/pattern', 'must be a UTC date-time ending in Z, e.g. 2024-01-31T02:00:00Z'],
];

/** How many problems the one-line detail names; the full list stays in `details.errors`. */
const DETAIL_LIMIT = 4;

/**
 * Turns Ajv errors into `{ path, message }` pairs that point at the field to fix. Messages are built only
 * from the schema (keyword parameters), never from the input value, so an identity number or phone
 * cannot leak into an error body or a log line.
 */
export function toProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  const all = (errors ?? []).map(toProblem).filter((p): p is SchemaProblem => p !== undefined);
  const seen = new Set<string>();
  return all.filter((p) => {
    const key = `${p.path} ${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toProblem(e: ErrorObject): SchemaProblem | undefined {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    // "must match then schema" / "must match a schema in anyOf" only repeat the branch errors next to them.
    case 'if':
      return undefined;
    case 'anyOf':
      return { path: e.instancePath, message: 'must satisfy one of its alternatives (see the other errors)' };
    case 'required':
      // Point at the missing field itself, not its parent, so "/applicant/name" reads as the thing to add.
      return { path: `${e.instancePath}/${String(params.missingProperty)}`, message: 'is required' };
    case 'additionalProperties':
      return {
        path: `${e.instancePath}/${escape(String(params.additionalProperty))}`,
        message: 'is not allowed',
      };
    case 'enum':
      return {
        path: e.instancePath,
        message: `must be one of ${(params.allowedValues as unknown[]).join(', ')}`,
      };
    case 'pattern': {
      const hint = PATTERN_HINTS.find(([suffix]) => e.schemaPath.endsWith(suffix));
      return { path: e.instancePath, message: hint ? hint[1] : (e.message ?? 'must match its pattern') };
    }
    case 'const':
      return { path: e.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path: e.instancePath, message: e.message ?? `fails ${e.keyword}` };
  }
}

/** JSON pointer escaping (RFC 6901) for a property name. */
function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** "<subject> is invalid: /a must …; /b must …" naming the first few problems. */
export function describeProblems(subject: string, problems: readonly SchemaProblem[]): string {
  const shown = problems.slice(0, DETAIL_LIMIT).map((p) => `${p.path || subject} ${p.message}`);
  const more = problems.length > DETAIL_LIMIT ? ` (and ${problems.length - DETAIL_LIMIT} more)` : '';
  return `${subject} is invalid: ${shown.join('; ')}${more}`;
}
