import { formatPath, type PathSegment } from './keypath';
import type { GatewayConfig, JsonSchema } from './types';

/**
 * Which configuration values are secrets. A value is secret when its key names a secret (key, secret,
 * password, token, clientSecret, privateKey, MaXacThuc, Authorization, …) or when an adapter schema marks it
 * `writeOnly: true`. URLs are not secret as a whole, but the password inside one (`redis://:pw@host`) is.
 */
const SECRET_NAME =
  /^(key|secret|password|passwd|passphrase|pin|token|authorization|cookie|maxacthuc)$|(secret|password|passphrase|token)$|_key$/i;
/** camelCase names ending in Key (apiKey, hmacKey, privateKey); case-sensitive so that `monkey` is not one. */
const CAMEL_KEY = /[a-z0-9]Key$/;

export const REDACTED = '[REDACTED]';

export function isSecretKey(name: string): boolean {
  return SECRET_NAME.test(name) || CAMEL_KEY.test(name);
}

/**
 * Key paths of every secret value in the configuration, e.g. `auth.apiKeys[0].key`,
 * `systems.webhook.secret`, `redisUrl` when it carries a password. `adapterSchemas` adds the keys adapters
 * mark `writeOnly`.
 */
export function secretPaths(
  config: GatewayConfig,
  adapterSchemas: Record<string, JsonSchema> = {},
): string[] {
  const found: string[] = [];
  visit(config, [], (path, value) => {
    if (isSecretPath(path, adapterSchemas) || (typeof value === 'string' && redactUrl(value) !== value)) {
      found.push(formatPath(path));
    }
    return value;
  });
  return found;
}

/** A deep copy with every secret replaced by `[REDACTED]`, safe to print (`lienthong config check`) or log. */
export function describeConfig<T extends object = GatewayConfig>(
  config: T,
  adapterSchemas: Record<string, JsonSchema> = {},
): T {
  return visit(config, [], (path, value) => {
    if (isSecretPath(path, adapterSchemas)) return REDACTED;
    return typeof value === 'string' ? redactUrl(value) : value;
  }) as T;
}

/** `scheme://user:secret@host/…` → `scheme://user:[REDACTED]@host/…`; other strings unchanged. */
export function redactUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#\s]*):[^@/?#\s]+@/i, `$1:${REDACTED}@`);
}

function isSecretPath(path: PathSegment[], adapterSchemas: Record<string, JsonSchema>): boolean {
  const last = path[path.length - 1];
  if (typeof last === 'string' && isSecretKey(last)) return true;
  if (path[0] === 'systems' && typeof path[1] === 'string') {
    return markedWriteOnly(adapterSchemas[path[1]], path.slice(2));
  }
  return false;
}

/** Whether the adapter schema marks this location, or one of its ancestors, `writeOnly`. */
function markedWriteOnly(schema: JsonSchema | undefined, rest: PathSegment[]): boolean {
  let node = schema;
  for (const seg of rest) {
    if (!node) return false;
    if (node.writeOnly === true) return true;
    const props = node.properties as Record<string, JsonSchema> | undefined;
    const extra =
      typeof node.additionalProperties === 'object' ? (node.additionalProperties as JsonSchema) : undefined;
    node = typeof seg === 'number' ? (node.items as JsonSchema | undefined) : (props?.[seg] ?? extra);
  }
  return rest.length > 0 && node?.writeOnly === true;
}

type Visitor = (path: PathSegment[], value: unknown) => unknown;

/**
 * Rebuilds `value`, passing leaves (and whole subtrees under a secret-named key) to `fn`, whose result
 * takes their place. Never mutates the input.
 */
function visit(value: unknown, path: PathSegment[], fn: Visitor): unknown {
  const last = path[path.length - 1];
  if (value === null || typeof value !== 'object' || (typeof last === 'string' && isSecretKey(last))) {
    return fn(path, value);
  }
  if (Array.isArray(value)) return value.map((v, i) => visit(v, [...path, i], fn));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = visit(v, [...path, k], fn);
  return out;
}
