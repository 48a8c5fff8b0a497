import { LtError } from '../errors';
import { findJsonHazard } from './json-shape';
import { TrustReasons } from './verdict';

/**
 * The one way the gateway reads JSON that did not come through its own HTTP edge (partner answers,
 * attachments such as `dossier.json`, files): strict UTF-8, a nesting limit checked before any recursive
 * parser sees the text, RFC 8259 syntax (JSON.parse), and no key that could pollute a prototype once the
 * value is merged somewhere (`__proto__`, or `constructor` holding a `prototype`). Duplicate keys are valid
 * JSON and accepted (the last one wins, as JSON.parse does).
 */
export interface JsonLimits {
  /** @defaultValue 10 MiB */
  maxBytes?: number;
  /** @defaultValue 64 */
  maxDepth?: number;
}

const refusal = (code: string, detail: string) => new LtError(code, 'validation', detail);

/** Deepest nesting of `text`, scanning strings and escapes, stopping as soon as `limit` is passed. */
function depthExceeds(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** Parses untrusted JSON bytes; throws an LtError (kind validation) with a TrustReasons json* code. */
export function parseSafeJson(input: Buffer | string, limits: JsonLimits = {}): unknown {
  const maxBytes = limits.maxBytes ?? 10 * 1024 * 1024;
  const maxDepth = limits.maxDepth ?? 64;
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > maxBytes)
    throw refusal(TrustReasons.jsonTooLarge, `JSON is ${size} bytes, over the ${maxBytes} limit`);
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw refusal(TrustReasons.jsonMalformed, 'JSON is not valid UTF-8');
  }
  // One byte-order mark is tolerated (RFC 8259 §8.1 lets a parser ignore it); JSON.parse would not.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const at = depthExceeds(text, maxDepth);
  if (at !== undefined)
    throw refusal(TrustReasons.jsonTooDeep, `JSON nests deeper than ${maxDepth} levels (at offset ${at})`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw refusal(TrustReasons.jsonMalformed, `not valid JSON: ${(err as Error).message}`);
  }
  const hazard = findJsonHazard(value, maxDepth + 1);
  if (hazard?.kind === 'too_deep')
    throw refusal(TrustReasons.jsonTooDeep, `JSON nests deeper than ${maxDepth} levels`);
  if (hazard?.kind === 'forbidden_key') {
    throw refusal(TrustReasons.jsonForbiddenKey, `JSON holds a forbidden key at ${hazard.pointer}`);
  }
  return value;
}
