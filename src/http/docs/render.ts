import type { OpenApiObject } from '../openapi';
import { STYLE, anchor, esc, inline } from './html';
import { propertyRows, typeHtml } from './schema-text';

type Obj = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Follows one local `$ref` (parameters and responses are shared components). */
function deref(doc: OpenApiObject, value: unknown): Obj {
  const target = (value as Obj | null)?.$ref;
  if (typeof target !== 'string' || !target.startsWith('#/')) return (value ?? {}) as Obj;
  let node: unknown = doc;
  for (const part of target.slice(2).split('/')) node = (node as Obj | undefined)?.[part];
  return (node ?? {}) as Obj;
}

function mediaSchema(content: unknown): { type: string; schema: unknown } | undefined {
  const entries = Object.entries((content ?? {}) as Obj);
  if (entries.length === 0) return undefined;
  const [type, media] = entries[0];
  return { type, schema: (media as Obj).schema };
}

function parametersHtml(doc: OpenApiObject, parameters: unknown[]): string {
  if (parameters.length === 0) return '';
  const rows = parameters.map((raw) => {
    const p = deref(doc, raw);
    return `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${typeHtml(p.schema)}</td><td>${p.required ? 'yes' : ''}</td><td>${inline(p.description ?? '')}</td></tr>`;
  });
  return `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>type</th><th>required</th><th>description</th></tr>${rows.join('')}</table>`;
}

function requestBodyHtml(doc: OpenApiObject, body: unknown): string {
  if (body === undefined) return '';
  const media = mediaSchema(deref(doc, body).content);
  if (!media) return '';
  return `<h4>Request body</h4><p><code>${esc(media.type)}</code>: ${typeHtml(media.schema)}</p>`;
}

function responsesHtml(doc: OpenApiObject, responses: Obj): string {
  const rows = Object.entries(responses).map(([status, raw]) => {
    const r = deref(doc, raw);
    const media = mediaSchema(r.content);
    const body = media ? `<code>${esc(media.type)}</code> ${typeHtml(media.schema)}` : '';
    return `<tr><td><strong>${esc(status)}</strong></td><td>${inline(r.description ?? '')}</td><td>${body}</td></tr>`;
  });
  return `<h4>Responses</h4><table><tr><th>status</th><th>meaning</th><th>body</th></tr>${rows.join('')}</table>`;
}

function operationHtml(doc: OpenApiObject, method: string, path: string, op: Obj): string {
  const role = typeof op['x-required-role'] === 'string' ? `needs role: ${op['x-required-role']}` : 'public';
  return `<section class="op" id="${anchor(method, path)}">
<div><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span><span class="path">${esc(path)}</span><span class="role">${esc(role)}</span></div>
<p>${inline(op.summary ?? '')}</p>${op.description ? `<p>${inline(op.description)}</p>` : ''}
${parametersHtml(doc, (op.parameters ?? []) as unknown[])}${requestBodyHtml(doc, op.requestBody)}${responsesHtml(doc, (op.responses ?? {}) as Obj)}
</section>`;
}

function schemasHtml(schemas: Obj): string {
  return Object.entries(schemas)
    .map(
      ([name, schema]) => `<section class="op" id="${anchor('schema', name)}"><h3>${esc(name)}</h3>
${inline((schema as Obj).description ?? '')}${propertyRows(schema)}
<details><summary>JSON Schema</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details></section>`,
    )
    .join('\n');
}

/** The whole documentation page: no scripts, no external assets, every text escaped. */
export function renderDocs(doc: OpenApiObject): string {
  const info = (doc.info ?? {}) as Obj;
  const paths = (doc.paths ?? {}) as Record<string, Obj>;
  const ops: Array<{ method: string; path: string; op: Obj }> = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) if (item[method]) ops.push({ method, path, op: item[method] as Obj });
  }
  const toc = ops
    .map(
      (o) =>
        `<li><a href="#${anchor(o.method, o.path)}">${esc(o.method.toUpperCase())} ${esc(o.path)}</a></li>`,
    )
    .join('');
  const schemes = Object.entries((((doc.components ?? {}) as Obj).securitySchemes ?? {}) as Obj)
    .map(([name, s]) => `<li><strong>${esc(name)}</strong>: ${inline((s as Obj).description ?? '')}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title><style>${STYLE}</style></head>
<body><header><h1>${esc(info.title)}</h1><p>${esc(info.summary ?? '')} · version ${esc(info.version)} ·
<a href="/openapi.json">openapi.json</a></p></header>
<main><h2 id="auth">Authentication</h2><p>${inline(info.description ?? '')}</p><ul>${schemes}</ul>
<h2>Endpoints</h2><nav><ul>${toc}</ul></nav>
${ops.map((o) => operationHtml(doc, o.method, o.path, o.op)).join('\n')}
<h2>Schemas</h2>${schemasHtml((((doc.components ?? {}) as Obj).schemas ?? {}) as Obj)}
</main></body></html>`;
}
