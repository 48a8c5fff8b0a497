import fs from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { dossierProblems as dvcqgDossierProblems, progressProblems } from '../../adapters/dvcqg/validate';
import { readCalendarDirectory } from '../deadline';
import { syncNew } from '../dossier/sync';
import type { DossierSnapshot } from '../dossier/sync';
import { inspectMappings } from '../mapping';
import type { MappingSet } from '../mapping';
import type { Dossier, SchemaProblem } from '../model';
import { MAPPINGS_DIR } from '../paths';

/** Partner shapes `mappings test` reads, and the mapping that brings each to the canonical model. */
const SOURCES = {
  igate: 'igate-dossier-to-canonical',
  dvcqg: 'dvcqg-dossier-to-canonical',
} as const;
export type MappingSource = keyof typeof SOURCES;

/** What `mappings validate` found: problem lines, or the one-line summary when there are none. */
export interface ValidateOutcome {
  problems: string[];
  summary?: string;
}

/**
 * Every mapping file and calendar year of a folder, checked the way the gateway checks them at start.
 * Calendar problems are prefixed with `calendar/` so that every line names a path under the folder.
 */
export function validateMappingsDir(dir: string): ValidateOutcome {
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    return { problems: [`${dir}: not a directory`] };
  const { set, problems } = inspectMappings(dir);
  const lines = problems.map((p) => `${p.file}${p.path}: ${p.message}`);
  let years = 0;
  try {
    const calendar = readCalendarDirectory(path.join(dir, 'calendar'));
    years = calendar.years.length;
    lines.push(...calendar.problems.map((p) => `calendar/${p}`));
  } catch (err) {
    lines.push(`calendar: ${(err as Error).message}`);
  }
  if (lines.length > 0 || !set) return { problems: lines };
  const ref = set.ref;
  const summary =
    `mappings OK: ${set.mappings.size} field mappings, ${ref.tables.size} code tables, ` +
    `${ref.allAgencies().length} agencies, ${ref.allProcedures().length} procedures, ${years} calendar years`;
  return { problems: [], summary };
}

/** The result of `mappings test`: the JSON document printed, or why the payload could not be read. */
export type TestOutcome = { exitCode: 0 | 1; report: TestReport } | { exitCode: 1 | 2; error: string };

export interface TestReport {
  from: MappingSource;
  /** What the gateway's inbound side checks before mapping (DVCQG's wire rules; iGate's id and code). */
  sourceProblems: string[];
  /** The completed canonical dossier; the bare mapping output when it is not valid. */
  canonical: unknown;
  canonicalProblems: SchemaProblem[];
  /** Rendered only from a valid canonical dossier, as the gateway does. */
  targets: {
    dvcqg: { dossier: unknown; problems: string[]; progress: Array<{ entry: unknown; problems: string[] }> };
    igate: { create: unknown };
  } | null;
}

export interface TestOptions {
  from?: MappingSource;
  dir?: string;
  /** The time of the first sync (tests pin it). @defaultValue now */
  now?: () => Date;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `dossierStatus`/`procedure` → iGate, `MaHoSo` → DVCQG; undefined when neither. */
export function detectSource(payload: Record<string, unknown>): MappingSource | undefined {
  if ('dossierStatus' in payload || 'procedure' in payload) return 'igate';
  if ('MaHoSo' in payload) return 'dvcqg';
  return undefined;
}

function readPayload(file: string): Record<string, unknown> | string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (err) {
    return `${file} is not JSON: ${(err as Error).message}`;
  }
  if (!isObject(payload)) {
    const hint = Array.isArray(payload) ? ' (an array: pass one dossier object)' : '';
    return `${file} must hold one dossier object${hint}`;
  }
  return payload;
}

/** Maps a partner payload to canonical, completes and checks it, then renders every target from it. */
export async function testPayload(file: string, options: TestOptions = {}): Promise<TestOutcome> {
  const payload = readPayload(file);
  if (typeof payload === 'string') return { exitCode: 2, error: payload };
  const from = options.from ?? detectSource(payload);
  if (!from) {
    const hint = Array.isArray(payload.content) ? ' (a search page: pass one element of "content")' : '';
    return {
      exitCode: 2,
      error: `${file}: unknown shape${hint}; expected an iGate dossier (dossierStatus, procedure) or a DVCQG dossier (MaHoSo), or pass --from`,
    };
  }
  const dir = options.dir ?? MAPPINGS_DIR;
  const { set, problems } = inspectMappings(dir);
  if (!set)
    return {
      exitCode: 1,
      error: `mappings in ${dir} are invalid (${problems.length} problems): run mappings validate`,
    };
  const knownProcedures = new Set(set.ref.allProcedures().map((p) => p.national));
  const sourceProblems =
    from === 'dvcqg'
      ? dvcqgDossierProblems(payload, { knownProcedures })
      : ['id', 'code']
          .filter((k) => typeof payload[k] !== 'string')
          .map((k) => `${k}: is required (a string)`);
  const snapshot = (await set.apply(SOURCES[from], payload)) as DossierSnapshot;
  const observedAt = (options.now ?? (() => new Date()))().toISOString();
  let dossier: Dossier;
  try {
    dossier = syncNew({ snapshot, observedAt, actor: 'mappings-test' }).dossier;
  } catch (err) {
    const errors = (err as { details?: { errors?: SchemaProblem[] } }).details?.errors;
    if (!errors) throw err;
    const report = { from, sourceProblems, canonical: snapshot, canonicalProblems: errors, targets: null };
    return { exitCode: 1, report };
  }
  const targets = await renderTargets(set, dossier, knownProcedures);
  const report: TestReport = { from, sourceProblems, canonical: dossier, canonicalProblems: [], targets };
  const clean =
    sourceProblems.length === 0 &&
    targets.dvcqg.problems.length === 0 &&
    targets.dvcqg.progress.every((p) => p.problems.length === 0);
  return { exitCode: clean ? 0 : 1, report };
}

async function renderTargets(
  set: MappingSet,
  dossier: Dossier,
  knownProcedures: ReadonlySet<string>,
): Promise<NonNullable<TestReport['targets']>> {
  const dvcqgDossier = await set.apply('canonical-to-dvcqg-dossier', dossier);
  const progress = [];
  for (const step of dossier.progress) {
    const entry = await set.apply('canonical-to-dvcqg-progress', { dossier, step });
    progress.push({ entry, problems: progressProblems(entry) });
  }
  const create = await set.apply('canonical-to-igate-create', {
    dossier,
    code: '<allocated by iGate>',
    agency: set.ref.agency(dossier.agency.id),
    procedure: set.ref.procedure(dossier.procedure.localCode ?? dossier.procedure.nationalCode),
  });
  return {
    dvcqg: {
      dossier: dvcqgDossier,
      problems: dvcqgDossierProblems(dvcqgDossier, { knownProcedures }),
      progress,
    },
    igate: { create },
  };
}

export function registerMappingCommands(program: Command): void {
  const mappings = program.command('mappings').description('check and try the mapping files');
  mappings
    .command('validate')
    .description('check every mapping, code table, registry and calendar file of a mappings folder')
    .option('--dir <dir>', 'mappings folder', MAPPINGS_DIR)
    .action((o: { dir: string }) => {
      const { problems, summary } = validateMappingsDir(o.dir);
      for (const line of problems) console.log(line);
      if (summary) console.log(summary);
      process.exitCode = problems.length > 0 ? 1 : 0;
    });
  mappings
    .command('test')
    .description(
      'map one partner dossier (JSON file) to canonical, validate it and render every target. ' +
        "Prints the payload's personal data, citizen ID numbers included, on purpose: this is your own test " +
        'payload on your own terminal, and nothing is logged. Exit 0 clean, 1 problems, 2 unreadable input',
    )
    .argument(
      '<file>',
      'an iGate dossier object (as /pa/dossier/search returns it) or a DVCQG DongBoHoSoMC dossier',
    )
    .addOption(
      new Option('--from <system>', "the payload's system (default: detected by shape)").choices([
        'igate',
        'dvcqg',
      ]),
    )
    .option('--dir <dir>', 'mappings folder', MAPPINGS_DIR)
    .action(async (file: string, o: { from?: MappingSource; dir: string }) => {
      const outcome = await testPayload(file, { from: o.from, dir: o.dir });
      if ('error' in outcome) console.error(`lienthong mappings test: ${outcome.error}`);
      else console.log(JSON.stringify(outcome.report, null, 2));
      process.exitCode = outcome.exitCode;
    });
}
