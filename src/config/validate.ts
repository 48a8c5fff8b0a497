import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { LtError } from '../errors';
import { atPath, pointerToSegments, type PathSegment } from './keypath';
import { CONFIG_SCHEMA, SYSTEM_COMMON_KEYS } from './schema';
import type { JsonSchema } from './types';

/**
 * Schema validation with problems worded by key path. `coerceTypes` lets a number or boolean option be given
 * as a string, which is what `${ENV}` interpolation always produces (`port: ${HTTP_PORT:-8080}`).
 * Messages never quote the offending value, which may be a secret.
 */
function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    useDefaults: true,
    coerceTypes: true,
    allowUnionTypes: true,
    verbose: true,
    strict: true,
  });
  addFormats(ajv);
  ajv.addFormat('http-url', { type: 'string', validate: isHttpUrl });
  ajv.addFormat('byte-size', { type: 'string', validate: /^\d+(\.\d+)?\s*([kmg]?b)?$/i });
  return ajv;
}

let ajv: Ajv2020 | undefined;
let configValidator: ValidateFunction | undefined;
const adapterValidators = new WeakMap<object, ValidateFunction>();

function sharedAjv(): Ajv2020 {
  return (ajv ??= createAjv());
}

/** Validates (and fills defaults into) a parsed configuration object; returns the problems. */
export function checkConfig(data: unknown): string[] {
  configValidator ??= sharedAjv().compile(CONFIG_SCHEMA);
  return configValidator(data) ? [] : formatErrors(configValidator.errors ?? [], []);
}

export function invalid(problems: string[]): LtError {
  return new LtError('LT_CONFIG_INVALID', 'validation', problems.join('; '), { details: { problems } });
}

/**
 * Validates the adapter-specific keys of `systems.<name>` against the adapter's JSON Schema. The common keys
 * (enabled, baseUrl, subscribe, agencies, retry) are checked by the gateway schema and are passed to the
 * adapter schema only when it declares them. An object schema that does not say otherwise refuses unknown
 * keys. On success the adapter's defaults are filled into `block` itself (as `useDefaults` does for the
 * gateway keys) and `block` is returned; on failure `block` is left as it was.
 *
 * @throws LtError `LT_CONFIG_INVALID` listing every problem as `systems.<name>.<key>: <reason>`.
 */
export function validateSystemConfig<C extends Record<string, unknown> = Record<string, unknown>>(
  name: string,
  block: Record<string, unknown>,
  adapterSchema: JsonSchema,
): C {
  const problems = checkSystemConfig(name, block, adapterSchema);
  if (problems.length > 0) throw invalid(problems);
  return block as C;
}

/** As `validateSystemConfig`, returning the problems instead of throwing. */
export function checkSystemConfig(
  name: string,
  block: Record<string, unknown>,
  adapterSchema: JsonSchema,
): string[] {
  const declared = new Set([
    ...Object.keys((adapterSchema.properties as Record<string, unknown> | undefined) ?? {}),
    ...((adapterSchema.required as string[] | undefined) ?? []),
  ]);
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(block)) {
    if (!(SYSTEM_COMMON_KEYS as readonly string[]).includes(k) || declared.has(k))
      own[k] = structuredClone(v);
  }
  const validate = adapterValidator(adapterSchema);
  if (!validate(own)) return formatErrors(validate.errors ?? [], ['systems', name]);
  Object.assign(block, own);
  return [];
}

function adapterValidator(schema: JsonSchema): ValidateFunction {
  let fn = adapterValidators.get(schema);
  if (!fn) {
    const closed =
      schema.type === 'object' && schema.additionalProperties === undefined
        ? { ...schema, additionalProperties: false }
        : schema;
    fn = sharedAjv().compile(closed);
    adapterValidators.set(schema, fn);
  }
  return fn;
}

function formatErrors(errors: ErrorObject[], prefix: PathSegment[]): string[] {
  const out = new Set<string>();
  for (const e of errors) {
    // propertyNames reports twice: once for the name's own rule, once to say which name; keep the second.
    if (e.propertyName !== undefined) continue;
    // An if/then/else failure is reported twice too: the missing key itself, then "must match then"; keep the first.
    if (e.keyword === 'if') continue;
    const path = [...prefix, ...pointerToSegments(e.instancePath)];
    out.add(describe(e, path));
  }
  return [...out];
}

function describe(e: ErrorObject, path: PathSegment[]): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const known = Object.keys((e.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const guess = closest(key, known);
      return atPath(path, `unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
    case 'required':
      return atPath([...path, String(p.missingProperty)], 'is required');
    case 'enum':
      return atPath(
        path,
        `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'format':
      return atPath(path, FORMAT_WORDING[String(p.format)] ?? e.message ?? 'has the wrong format');
    case 'propertyNames':
      return atPath(
        path,
        `invalid name "${String(p.propertyName)}"${path.length === 1 && path[0] === 'systems' ? ' (lower-case letters, digits and dashes)' : ''}`,
      );
    default:
      return atPath(path, e.message ?? e.keyword);
  }
}

/** Formats the gateway adds; adapter schemas may use them too. */
const FORMAT_WORDING: Record<string, string> = {
  'http-url': 'must be an http:// or https:// URL',
  'byte-size': 'must be a size such as 512kb or 10mb, or a number of bytes',
};

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The known key nearest to a typo, if it is close enough to be what was meant. */
function closest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
