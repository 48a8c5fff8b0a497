import jsonata from 'jsonata';
import { LtError } from '../errors';

/**
 * A field mapping: target paths (dots nest) → JSONata expressions over the source record. A bare path such
 * as `procedure.code` is already a JSONata expression, so simple mappings read like a table; JSONata takes
 * over where a path is not enough. The fields compile into ONE object-constructor expression, evaluated
 * once per record (a record costs one evaluation, not one per field).
 */
export interface FieldMappingDoc {
  kind: 'field-mapping';
  name: string;
  description?: string;
  from: string;
  to: string;
  fields: Record<string, string>;
}

interface Tree {
  [key: string]: Tree | string;
}

function toTree(fields: Record<string, string>, name: string): Tree {
  const root: Tree = {};
  for (const [path, expr] of Object.entries(fields)) {
    const keys = path.split('.');
    let node = root;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        if (typeof node[key] === 'object') throw conflict(name, path);
        node[key] = expr;
        return;
      }
      const next = node[key];
      if (typeof next === 'string') throw conflict(name, path);
      node = (node[key] ??= {}) as Tree;
    });
  }
  return root;
}

function conflict(name: string, path: string): LtError {
  return new LtError(
    'LT_MAPPING_INVALID',
    'validation',
    `${name}: fields.${path} is set both as a value and as an object`,
  );
}

function render(tree: Tree): string {
  const parts = Object.entries(tree).map(
    ([key, value]) => `${JSON.stringify(key)}: ${typeof value === 'string' ? `(${value})` : render(value)}`,
  );
  return `{${parts.join(', ')}}`;
}

/** Drops keys whose value is undefined and objects left empty, so absent data stays absent. */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const p = prune(v);
    if (p === undefined) continue;
    if (p !== null && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
    out[k] = p;
  }
  return out;
}

export class FieldMapping {
  private readonly expression: jsonata.Expression;

  constructor(
    readonly doc: FieldMappingDoc,
    readonly file: string,
  ) {
    const source = render(toTree(doc.fields, doc.name));
    try {
      this.expression = jsonata(source);
    } catch (err) {
      // JSONata reports the position inside the combined expression; find the field that fails alone.
      throw new LtError('LT_MAPPING_INVALID', 'validation', `${file}: ${locateSyntaxError(doc, err)}`);
    }
  }

  /** Evaluates the mapping; throws LT_MAPPING_EVAL naming the mapping when an expression fails at run time. */
  async apply(input: unknown, bindings: Record<string, unknown>): Promise<unknown> {
    try {
      return prune(await this.expression.evaluate(input, bindings));
    } catch (err) {
      const message = (err as { message?: string }).message ?? String(err);
      throw new LtError('LT_MAPPING_EVAL', 'validation', `mapping ${this.doc.name} failed: ${message}`, {
        details: { mapping: this.doc.name, file: this.file },
      });
    }
  }
}

function locateSyntaxError(doc: FieldMappingDoc, err: unknown): string {
  for (const [path, expr] of Object.entries(doc.fields)) {
    try {
      jsonata(expr);
    } catch (inner) {
      return `fields.${path}: ${(inner as { message?: string }).message ?? String(inner)}`;
    }
  }
  return (err as { message?: string }).message ?? String(err);
}
