import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { LtError } from '../errors';
import { FieldMapping } from './field-mapping';
import type { FieldMappingDoc } from './field-mapping';
import { mappingFunctions } from './functions';
import { ReferenceData } from './reference';
import type { AgencyRecord, CodeTable, ProcedureRecord } from './reference';
import { MAPPING_VALIDATORS } from './schemas';

/** One problem of a mapping file, named by file and key path, for `lienthong mappings validate`. */
export interface MappingProblem {
  file: string;
  path: string;
  message: string;
}

/** Folders of `mappings/` read by this loader; `canonical/` (JSON Schema) and `calendar/` have their own. */
const FOLDERS = ['igate', 'dvcqg', 'agencies', 'procedures', 'payment', 'vnpost', 'edxml'];

/**
 * Every mapping, code table and reference file, loaded and checked together. Built once at start; a
 * problem in any file stops the start with all problems named (a wrong mapping would corrupt every
 * message that uses it).
 */
export class MappingSet {
  private readonly bindings: Record<string, unknown>;

  constructor(
    readonly ref: ReferenceData,
    readonly mappings: ReadonlyMap<string, FieldMapping>,
  ) {
    this.bindings = mappingFunctions(ref);
  }

  has(name: string): boolean {
    return this.mappings.has(name);
  }

  /** Applies the named mapping to a record. */
  async apply(name: string, input: unknown): Promise<unknown> {
    const mapping = this.mappings.get(name);
    if (!mapping) {
      throw new LtError('LT_MAPPING_UNKNOWN', 'validation', `no mapping named ${name}`, {
        details: { known: [...this.mappings.keys()] },
      });
    }
    return mapping.apply(input, this.bindings);
  }
}

function yamlFiles(root: string): string[] {
  const files: string[] = [];
  for (const folder of FOLDERS) {
    const dir = path.join(root, folder);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (/\.ya?ml$/.test(name)) files.push(path.join(dir, name));
    }
  }
  return files;
}

/** Reads and checks every file; returns the set (when usable) and every problem found. */
export function inspectMappings(root: string): { set?: MappingSet; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const tables = new Map<string, CodeTable>();
  const mappings = new Map<string, FieldMapping>();
  const agencies: AgencyRecord[] = [];
  const procedures: ProcedureRecord[] = [];
  for (const file of yamlFiles(root)) {
    const rel = path.relative(root, file);
    let doc: unknown;
    try {
      doc = YAML.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push({ file: rel, path: '', message: `not valid YAML: ${(err as Error).message}` });
      continue;
    }
    const kind = (doc as { kind?: unknown } | null)?.kind;
    const validate = typeof kind === 'string' ? MAPPING_VALIDATORS[kind] : undefined;
    if (!validate) {
      const known = Object.keys(MAPPING_VALIDATORS).join(', ');
      problems.push({ file: rel, path: '/kind', message: `must be one of ${known}` });
      continue;
    }
    if (!validate(doc)) {
      for (const e of validate.errors ?? []) {
        const extra = (e.params as { additionalProperty?: string }).additionalProperty;
        const where = extra ? `${e.instancePath}/${extra}` : e.instancePath;
        problems.push({ file: rel, path: where, message: e.message ?? 'invalid' });
      }
      continue;
    }
    if (kind === 'code-table') {
      const table = doc as CodeTable;
      if (tables.has(table.name)) problems.push({ file: rel, path: '/name', message: 'name used twice' });
      const seen = new Set<string>();
      table.entries.forEach((e, i) => {
        if (seen.has(e.native))
          problems.push({ file: rel, path: `/entries/${i}/native`, message: 'listed twice' });
        seen.add(e.native);
      });
      tables.set(table.name, table);
    } else if (kind === 'field-mapping') {
      const m = doc as FieldMappingDoc;
      try {
        if (mappings.has(m.name)) throw new Error(`/name: ${m.name} used twice`);
        mappings.set(m.name, new FieldMapping(m, rel));
      } catch (err) {
        problems.push({ file: rel, path: '/fields', message: (err as Error).message });
      }
    } else if (kind === 'agency-registry') {
      agencies.push(...(doc as { agencies: AgencyRecord[] }).agencies);
    } else if (kind === 'procedure-map') {
      procedures.push(...(doc as { procedures: ProcedureRecord[] }).procedures);
    }
  }
  problems.push(...referenceProblems(agencies, procedures, mappings, tables));
  if (problems.length > 0) return { problems };
  return { set: new MappingSet(new ReferenceData(tables, agencies, procedures), mappings), problems };
}

/** Cross-file checks: parents exist, codes are unique, every `$code('table', …)` names a real table. */
function referenceProblems(
  agencies: AgencyRecord[],
  procedures: ProcedureRecord[],
  mappings: Map<string, FieldMapping>,
  tables: Map<string, CodeTable>,
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const ids = new Set(agencies.map((a) => a.id));
  agencies.forEach((a, i) => {
    if (a.parent && !ids.has(a.parent))
      problems.push({
        file: 'agencies',
        path: `/agencies/${i}/parent`,
        message: `unknown agency ${a.parent}`,
      });
  });
  if (ids.size !== agencies.length)
    problems.push({ file: 'agencies', path: '/agencies', message: 'an id is listed twice' });
  const locals = new Set(procedures.map((p) => p.local));
  if (locals.size !== procedures.length)
    problems.push({ file: 'procedures', path: '/procedures', message: 'a local code is listed twice' });
  for (const m of mappings.values()) {
    for (const [field, expr] of Object.entries(m.doc.fields)) {
      for (const match of expr.matchAll(/\$(?:code|reverse|label)\(\s*'([^']+)'/g)) {
        if (!tables.has(match[1]))
          problems.push({
            file: m.file,
            path: `/fields/${field}`,
            message: `unknown code table ${match[1]}`,
          });
      }
    }
  }
  return problems;
}

/** Loads the mappings or throws LT_MAPPING_INVALID listing every problem. */
export function loadMappings(root: string): MappingSet {
  const { set, problems } = inspectMappings(root);
  if (!set) {
    const list = problems.map((p) => `${p.file}${p.path}: ${p.message}`);
    throw new LtError(
      'LT_MAPPING_INVALID',
      'validation',
      `mappings are invalid: ${list.slice(0, 5).join('; ')}`,
      {
        details: { problems },
      },
    );
  }
  return set;
}
