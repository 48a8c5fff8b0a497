import { anchor, esc } from './html';

type Schema = Record<string, unknown>;

/** The name a `#/components/schemas/X` reference points at, or undefined. */
function refName(value: unknown): string | undefined {
  const target = (value as { $ref?: unknown } | null)?.$ref;
  if (typeof target !== 'string') return undefined;
  const match = /^#\/components\/schemas\/(.+)$/.exec(target);
  return match?.[1];
}

/** A one-line type description in HTML: a link for a reference, the enum values, the array item type. */
export function typeHtml(schema: unknown): string {
  if (schema === null || typeof schema !== 'object') return '';
  const s = schema as Schema;
  const name = refName(s);
  if (name !== undefined) return `<a href="#${anchor('schema', name)}">${esc(name)}</a>`;
  if (typeof s.$ref === 'string') return esc(s.$ref);
  if ('const' in s) return `<code>${esc(JSON.stringify(s.const))}</code>`;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => `<code>${esc(v)}</code>`).join(', ')}`;
  if (s.type === 'array') return `array of ${typeHtml(s.items) || 'any'}`;
  const base = Array.isArray(s.type) ? s.type.join(' | ') : String(s.type ?? 'any');
  const extras: string[] = [];
  if (typeof s.format === 'string') extras.push(s.format);
  if (typeof s.minimum === 'number' || typeof s.maximum === 'number') {
    extras.push(`${s.minimum ?? ''}..${s.maximum ?? ''}`);
  }
  if (s.default !== undefined) extras.push(`default ${JSON.stringify(s.default)}`);
  return esc(extras.length === 0 ? base : `${base} (${extras.join(', ')})`);
}

/** The properties of an object schema as table rows: name, type, required, description. */
export function propertyRows(schema: unknown): string {
  const s = (schema ?? {}) as Schema;
  const properties = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const names = Object.keys(properties);
  if (names.length === 0) return '';
  const rows = names.map((n) => {
    const p = properties[n];
    const description = typeof p?.description === 'string' ? p.description : '';
    return `<tr><td><code>${esc(n)}</code></td><td>${typeHtml(p)}</td><td>${required.has(n) ? 'yes' : ''}</td><td>${esc(description)}</td></tr>`;
  });
  return `<table><tr><th>field</th><th>type</th><th>required</th><th>description</th></tr>${rows.join('')}</table>`;
}
