import { LtError } from '../errors';
import { atPath, type PathSegment } from './keypath';

/**
 * `${VAR}` and `${VAR:-default}` in string values, applied after YAML parsing so that a variable's value can
 * never add YAML structure. `$${` is a literal `${`. As in a shell, the default applies when the variable is
 * unset or empty. Problems name the key path and the variable, never a value.
 */
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

export function interpolate(value: unknown, env: NodeJS.ProcessEnv): unknown {
  const problems: string[] = [];
  const result = walk(value, env, [], problems);
  if (problems.length > 0) {
    const missing = problems.every((p) => p.includes('is not set'));
    throw new LtError(
      missing ? 'LT_CONFIG_MISSING_ENV' : 'LT_CONFIG_INVALID',
      'validation',
      problems.join('; '),
      { details: { problems } },
    );
  }
  return result;
}

function walk(value: unknown, env: NodeJS.ProcessEnv, path: PathSegment[], problems: string[]): unknown {
  if (typeof value === 'string') return substitute(value, env, path, problems);
  if (Array.isArray(value)) return value.map((v, i) => walk(v, env, [...path, i], problems));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, env, [...path, k], problems);
    return out;
  }
  return value;
}

function substitute(text: string, env: NodeJS.ProcessEnv, path: PathSegment[], problems: string[]): string {
  if (!text.includes('$')) return text;
  return text.replace(TOKEN, (token: string, body: string | undefined) => {
    if (token === '$${') return '${';
    const ref = body === undefined ? null : REFERENCE.exec(body);
    if (!ref) {
      problems.push(atPath(path, 'malformed ${...} reference (write $${ for a literal ${)'));
      return token;
    }
    const [, name, fallback] = ref;
    const set = env[name];
    if (fallback !== undefined) return set === undefined || set === '' ? fallback : set;
    if (set === undefined) {
      problems.push(atPath(path, `environment variable ${name} is not set`));
      return token;
    }
    return set;
  });
}
