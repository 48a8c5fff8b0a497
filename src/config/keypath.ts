/**
 * Key paths as users read them in their YAML: `systems.webhook.retry.attempts`, `auth.apiKeys[0].key`.
 * Every configuration error starts with one, so the user finds the line to fix.
 */
export type PathSegment = string | number;

const PLAIN = /^[A-Za-z_$][\w$-]*$/;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (PLAIN.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Ajv's `instancePath` (a JSON Pointer) as path segments; numeric segments are array indices. */
export function pointerToSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** `path: message`, or the bare message at the top level. */
export function atPath(segments: readonly PathSegment[], message: string): string {
  const p = formatPath(segments);
  return p === '' ? `(top level): ${message}` : `${p}: ${message}`;
}
