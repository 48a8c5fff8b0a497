import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dossierProblems } from '../../adapters/dvcqg/validate';
import { igateFixture } from '../../adapters/igate/__fixtures__';
import { readCalendarDirectory } from '../deadline';
import { syncNew } from '../dossier/sync';
import type { DossierSnapshot } from '../dossier/sync';
import type { Dossier } from '../model';
import { MAPPINGS_DIR, PACKAGE_ROOT } from '../paths';
import { FieldMapping } from './field-mapping';
import { mappingFunctions } from './functions';
import { inspectMappings, loadMappings } from './load';
import type { MappingProblem } from './load';
import { ReferenceData, nationalProcedureCode } from './reference';
import { fromLocalCompact, toIgateTime, toIsoUtc, toLocalCompact } from '../time';
import { specSample } from '../../test/vectors';

/** Read in place from the shared specs, never copied into the repository. */
const IGATE_SAMPLE = specSample('igate', 'igate_pa_dossier_full_object.redacted.json');

const mappings = loadMappings(MAPPINGS_DIR);
const knownProcedures = new Set(mappings.ref.allProcedures().map((p) => p.national));

describe('shipped mappings', () => {
  it('load with no problems, calendar included', () => {
    const { set, problems } = inspectMappings(MAPPINGS_DIR);
    expect(problems).toEqual([]);
    expect(set?.has('igate-dossier-to-canonical')).toBe(true);
    expect(readCalendarDirectory(path.join(MAPPINGS_DIR, 'calendar')).problems).toEqual([]);
  });

  it('name every mapping the adapters apply', () => {
    for (const name of [
      'igate-dossier-to-canonical',
      'dvcqg-dossier-to-canonical',
      'canonical-to-dvcqg-dossier',
      'canonical-to-dvcqg-progress',
      'canonical-to-igate-create',
    ])
      expect(mappings.has(name)).toBe(true);
  });
});

describe('a broken copy of the mappings', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-mappings-'));
    fs.cpSync(MAPPINGS_DIR, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const edit = (file: string, change: (text: string) => string): void => {
    const full = path.join(dir, file);
    const before = fs.readFileSync(full, 'utf8');
    const after = change(before);
    expect(after).not.toBe(before); // the edit must hit, or the test proves nothing
    fs.writeFileSync(full, after);
  };
  const problems = (): MappingProblem[] => {
    const found = inspectMappings(dir);
    expect(found.set).toBeUndefined();
    return found.problems;
  };

  it('names a file that is not YAML', () => {
    fs.writeFileSync(
      path.join(dir, 'igate', 'status.yaml'),
      'kind: code-table\nentries: [\n  - {native: "0"\n',
    );
    expect(problems()).toContainEqual(
      expect.objectContaining({
        file: 'igate/status.yaml',
        path: '',
        message: expect.stringMatching(/YAML/),
      }),
    );
  });

  it('names an unknown kind', () => {
    fs.writeFileSync(path.join(dir, 'dvcqg', 'extra.yaml'), 'kind: code-tabel\nname: extra\n');
    expect(problems()).toContainEqual(
      expect.objectContaining({
        file: 'dvcqg/extra.yaml',
        path: '/kind',
        message: expect.stringMatching(/code-table/),
      }),
    );
  });

  it('names an unknown key by its path', () => {
    edit('dvcqg/channel.yaml', (t) => t.replace('entries:', 'colour: red\nentries:'));
    expect(problems()).toContainEqual(
      expect.objectContaining({ file: 'dvcqg/channel.yaml', path: '/colour' }),
    );
  });

  it('names an unknown code table used in an expression, with the field', () => {
    edit('igate/dossier-to-canonical.yaml', (t) =>
      t.replace("$code('igate-dossier-status'", "$code('igate-dossier-statuses'"),
    );
    expect(problems()).toEqual([
      {
        file: 'igate/dossier-to-canonical.yaml',
        path: '/fields/status',
        message: 'unknown code table igate-dossier-statuses',
      },
    ]);
  });

  it('names a native code listed twice', () => {
    edit('dvcqg/channel.yaml', (t) => t.replace("native: '3'", "native: '2'"));
    expect(problems()).toEqual([
      { file: 'dvcqg/channel.yaml', path: '/entries/2/native', message: 'listed twice' },
    ]);
  });

  it('names the field whose JSONata does not parse', () => {
    edit('igate/dossier-to-canonical.yaml', (t) =>
      t.replace(
        "status: $code('igate-dossier-status', dossierStatus)",
        "status: $code('igate-dossier-status', dossierStatus",
      ),
    );
    const found = problems();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'igate/dossier-to-canonical.yaml', path: '/fields' });
    expect(found[0].message).toMatch(/fields\.status: /);
  });
});

describe('igate-dossier-to-canonical', () => {
  it('maps the public iGate sample with its national procedure code', async () => {
    const sample: unknown = JSON.parse(fs.readFileSync(IGATE_SAMPLE, 'utf8'));
    const canonical = (await mappings.apply('igate-dossier-to-canonical', sample)) as DossierSnapshot;
    expect(canonical.procedure?.nationalCode).toBe('1.001612');
    expect(canonical.procedure?.localCode).toBe('1.001612.000.00.00.H48');
    expect(canonical.status).toBe('registered');
    expect(canonical.agency?.id).toBe('000.00.53.H48');
  });
});

describe('canonical-to-dvcqg-dossier', () => {
  const canonicalFixture = (name: string): Dossier =>
    JSON.parse(
      fs.readFileSync(path.join(PACKAGE_ROOT, 'test', 'fixtures', 'dossiers', `${name}.json`), 'utf8'),
    ) as Dossier;

  it('renders a canonical fixture the portal accepts', async () => {
    const rendered = await mappings.apply(
      'canonical-to-dvcqg-dossier',
      canonicalFixture('online-citizen-received'),
    );
    expect(dossierProblems(rendered, { knownProcedures })).toEqual([]);
    expect(rendered).toMatchObject({ MaTTHC: '1.001612', KenhThucHien: '2', TrangThaiHoSo: '2' });
  });

  it('renders an iGate dossier after its first sync, progress included', async () => {
    const snapshot = (await mappings.apply(
      'igate-dossier-to-canonical',
      igateFixture('received-dossier'),
    )) as DossierSnapshot;
    const { dossier } = syncNew({ snapshot, observedAt: '2026-03-02T02:15:00.000Z', actor: 'test' });
    const rendered = await mappings.apply('canonical-to-dvcqg-dossier', dossier);
    expect(dossierProblems(rendered, { knownProcedures })).toEqual([]);
    const step = await mappings.apply('canonical-to-dvcqg-progress', { dossier, step: dossier.progress[0] });
    expect(step).toMatchObject({ MaHoSo: dossier.code, TrangThai: '2', NguoiXuLy: 'Cán bộ một cửa' });
  });
});

describe('time helpers', () => {
  it('write and read yyyyMMddHHmmss in UTC+7, round trip', () => {
    expect(toLocalCompact('2026-03-02T02:15:00.000Z')).toBe('20260302091500');
    expect(fromLocalCompact('20260302091500')).toBe('2026-03-02T02:15:00.000Z');
    // 17:30 UTC on New Year's Eve is already the next year in Vietnam.
    expect(toLocalCompact('2025-12-31T17:30:00Z')).toBe('20260101003000');
    expect(fromLocalCompact('20260101003000')).toBe('2025-12-31T17:30:00.000Z');
    for (const iso of ['2024-02-29T16:59:59.000Z', '2026-07-01T00:00:00.000Z'])
      expect(fromLocalCompact(toLocalCompact(iso))).toBe(iso);
  });

  it('refuse 31 February and other impossible times instead of rolling over', () => {
    expect(fromLocalCompact('20260231090000')).toBeUndefined();
    expect(fromLocalCompact('20250229090000')).toBeUndefined();
    expect(fromLocalCompact('20260302246000')).toBeUndefined();
    expect(fromLocalCompact('20260302095960')).toBeUndefined();
    expect(fromLocalCompact('2026030209150')).toBeUndefined();
    expect(fromLocalCompact('')).toBeUndefined();
    // A null C# DateTime, not year 1 (Date.UTC would have read it as 1901).
    expect(fromLocalCompact('00010101000000')).toBeUndefined();
  });

  it('give "" or undefined for no time', () => {
    expect(toLocalCompact(undefined)).toBe('');
    expect(toLocalCompact('')).toBe('');
    expect(toLocalCompact('not a time')).toBe('');
    expect(toIsoUtc('')).toBeUndefined();
    expect(toIgateTime(undefined)).toBeUndefined();
  });

  it("convert iGate's +0000 form both ways", () => {
    expect(toIsoUtc('2022-09-21T02:15:00.000+0000')).toBe('2022-09-21T02:15:00.000Z');
    expect(toIsoUtc('2022-09-21T09:15:00.000+0700')).toBe('2022-09-21T02:15:00.000Z');
    expect(toIgateTime('2022-09-21T02:15:00Z')).toBe('2022-09-21T02:15:00.000+0000');
  });
});

describe('nationalProcedureCode', () => {
  const ref = mappings.ref;
  it('reads the procedure map first', () => {
    expect(nationalProcedureCode(ref, '1.001612.000.00.00.H48')).toBe('1.001612');
    expect(nationalProcedureCode(ref, '1.001612')).toBe('1.001612');
  });
  it('falls back to the shape of an unmapped local code', () => {
    expect(nationalProcedureCode(ref, '1.999999.000.00.00.H99')).toBe('1.999999');
    expect(nationalProcedureCode(ref, '2.000123')).toBe('2.000123');
  });
  it('gives undefined for garbage', () => {
    for (const code of [undefined, '', 'abc', '12.345678', '1.00161', '1.0016123', 'H48.1.001612'])
      expect(nationalProcedureCode(ref, code)).toBeUndefined();
  });
});

describe('$code, $reverse and $label', () => {
  const table = (reverseOnSecond: boolean) =>
    new ReferenceData(
      new Map([
        [
          'status',
          {
            name: 'status',
            entries: [
              { native: '2', canonical: 'processing', label: 'Đang xử lý' },
              { native: '9', canonical: 'processing', label: 'Chờ phê duyệt', reverse: reverseOnSecond },
              { native: '4', canonical: 'resolved', label: 'Có kết quả' },
              { native: '5', canonical: 'returned' },
            ],
          },
        ],
      ]),
      [],
      [],
    );
  const mapping = new FieldMapping(
    {
      kind: 'field-mapping',
      name: 'codes',
      from: 'test',
      to: 'test',
      fields: {
        code: "$code('status', native)",
        reverse: "$reverse('status', canonical)",
        label: "$label('status', canonical)",
        unknownTable: "$code('nope', native)",
      },
    },
    'test.yaml',
  );
  const run = (ref: ReferenceData, input: unknown) => mapping.apply(input, mappingFunctions(ref));

  it('reads every native code, several to one canonical value', async () => {
    const ref = table(false);
    expect(await run(ref, { native: '9' })).toEqual({ code: 'processing' });
    expect(await run(ref, { native: 4 })).toEqual({ code: 'resolved' });
    // A miss leaves the field out, so that the schema check names it.
    expect(await run(ref, { native: '12' })).toEqual({});
    expect(await run(ref, {})).toEqual({});
  });

  it('writes the first native code of a canonical value, and its label', async () => {
    expect(await run(table(false), { canonical: 'processing' })).toEqual({
      reverse: '2',
      label: 'Đang xử lý',
    });
  });

  it("writes the row marked reverse: true instead, with that row's label", async () => {
    expect(await run(table(true), { canonical: 'processing' })).toEqual({
      reverse: '9',
      label: 'Chờ phê duyệt',
    });
  });

  it('leaves out a label the written row does not have, and unknown values', async () => {
    expect(await run(table(false), { canonical: 'returned' })).toEqual({ reverse: '5' });
    expect(await run(table(false), { canonical: 'lost' })).toEqual({});
  });

  it('follows the shipped iGate status table', () => {
    const ref = mappings.ref;
    expect(ref.code('igate-dossier-status', 10)).toBe('processing');
    expect(ref.reverse('igate-dossier-status', 'supplement_requested')).toBe('3');
    expect(ref.label('igate-dossier-status', 'supplement_requested')).toBe('Yêu cầu bổ sung hồ sơ');
    expect(ref.code('igate-dossier-status', '13')).toBeUndefined();
  });
});
