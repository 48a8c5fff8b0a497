import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkCalendar } from './calendar';
import { readCalendarDirectory, validateCalendarYear } from './calendar-file';

const good = { kind: 'calendar-year', year: 2025, source: 'test', daysOff: [], workingDays: [] };

describe('validateCalendarYear', () => {
  it('accepts a minimal year', () => {
    expect(validateCalendarYear(good, '2025.yaml')).toEqual([]);
    expect(validateCalendarYear({ kind: 'calendar-year', year: 2025, source: 's' }, '2025.yaml')).toEqual([]);
  });

  it('names every problem by file and key path', () => {
    const doc = {
      ...good,
      colour: 'red',
      daysOff: [
        { date: '2025-02-30', name: 'no such day' },
        { date: '2024-12-31', name: 'last year' },
        { date: '2025-05-02', name: 'a', note: 'extra' },
      ],
      workingDays: [
        { date: '2025-05-02', name: 'twice' },
        { date: '2025-04-28', name: 'a Monday' },
      ],
    };
    expect(validateCalendarYear(doc, '2025.yaml')).toEqual([
      '2025.yaml: colour: unknown key',
      `2025.yaml: daysOff[0].date: must be a real 'YYYY-MM-DD' date in quotes, got "2025-02-30"`,
      '2025.yaml: daysOff[1].date: 2024-12-31 is not in 2025',
      '2025.yaml: daysOff[2].note: unknown key',
      '2025.yaml: workingDays[0].date: 2025-05-02 duplicates daysOff[2]',
      '2025.yaml: workingDays[0].date: 2025-05-02 is not a Saturday or Sunday',
      '2025.yaml: workingDays[1].date: 2025-04-28 is not a Saturday or Sunday',
    ]);
  });

  it('checks kind, source and that the year matches the file name', () => {
    expect(validateCalendarYear({ kind: 'holidays', year: 2025, source: '' }, 'x/2026.yaml')).toEqual([
      `x/2026.yaml: kind: must be 'calendar-year', got "holidays"`,
      'x/2026.yaml: year: 2025 in a file named for 2026',
      'x/2026.yaml: source: must be a non-empty string',
    ]);
  });
});

describe('WorkCalendar.fromDirectory refusals', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-calendar-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const refusal = () => {
    try {
      WorkCalendar.fromDirectory(dir);
    } catch (err) {
      return err as { code: string; message: string; details: { problems: string[] } };
    }
    throw new Error('expected a refusal');
  };

  it('refuses a bad date with file and key path', () => {
    write(
      '2025.yaml',
      "kind: calendar-year\nyear: 2025\nsource: s\ndaysOff:\n  - { date: '2025-13-01', name: x }\n",
    );
    const err = refusal();
    expect(err.code).toBe('LT_CALENDAR_INVALID');
    expect(err.message).toMatch(/2025\.yaml: daysOff\[0\]\.date: must be a real/);
  });

  it('refuses duplicate YAML keys, misnamed files and unknown keys together', () => {
    write('2025.yaml', 'kind: calendar-year\nyear: 2025\nyear: 2025\nsource: s\n');
    write('2026.yml', 'kind: calendar-year\n');
    write('2027.yaml', 'kind: calendar-year\nyear: 2027\nsource: s\nholidays: []\n');
    const { problems } = refusal().details;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^2025\.yaml: \(yaml\): .*unique/i);
    expect(problems[1]).toBe('2026.yml: (file): calendar files must be named <year>.yaml');
    expect(problems[2]).toBe('2027.yaml: holidays: unknown key');
  });

  it('refuses an empty directory and a missing one', () => {
    expect(refusal().message).toMatch(/no <year>\.yaml files/);
    expect(() => WorkCalendar.fromDirectory(path.join(dir, 'nope'))).toThrow(
      expect.objectContaining({ code: 'LT_CALENDAR_NOT_FOUND' }),
    );
  });

  it('ignores files that are not YAML (the README)', () => {
    write('README.md', '# notes');
    write('2030.yaml', 'kind: calendar-year\nyear: 2030\nsource: s\n');
    expect(readCalendarDirectory(dir)).toEqual({
      years: [{ kind: 'calendar-year', year: 2030, source: 's' }],
      problems: [],
    });
  });
});
