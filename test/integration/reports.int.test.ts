import { DossierReports } from '../../src/dossier/reports';
import type { OnTimeRow } from '../../src/http/deps';
import { migrate } from '../../src/store';
import type { Db } from '../../src/store';
import { createPostgresDb } from '../../src/store/postgres';
import { createTestDatabase } from './support/services';

/** One row of `dossiers` as the write path keeps it; only the report's columns matter here. */
interface Row {
  code: string;
  status: string;
  agency?: string;
  due?: string;
  finished?: string;
  returned?: string;
}

const A = '000.00.53.H48';
const B = '000.01.53.H48';
const C = '000.02.53.H48';
const PERIOD = { from: '2025-06-01T00:00:00Z', to: '2025-07-01T00:00:00Z' };
/** Long past by the time the test runs: open dossiers due then are overdue now. */
const PAST = '2025-06-01T00:00:00Z';
const FUTURE = new Date(Date.now() + 30 * 86_400_000).toISOString();

const ROWS: Row[] = [
  // Agency A, finished in June: 2 on time, 2 late, 1 undated.
  {
    code: 'A-ON-TIME',
    status: 'resolved',
    agency: A,
    due: '2025-06-10T10:00:00Z',
    finished: '2025-06-05T10:00:00Z',
  },
  {
    code: 'A-AT-DUE',
    status: 'returned',
    agency: A,
    due: '2025-06-10T10:00:00Z',
    finished: '2025-06-10T10:00:00Z',
    returned: '2025-06-11T10:00:00Z',
  },
  {
    code: 'A-LATE',
    status: 'resolved',
    agency: A,
    due: '2025-06-10T10:00:00Z',
    finished: '2025-06-12T10:00:00Z',
  },
  // Returned without a finishing step: its returned_at is the finishing time (late: after due).
  {
    code: 'A-RETURNED-ONLY',
    status: 'returned',
    agency: A,
    due: '2025-06-07T10:00:00Z',
    returned: '2025-06-08T10:00:00Z',
  },
  { code: 'A-UNDATED', status: 'resolved', agency: A, finished: '2025-06-05T10:00:00Z' },
  // Finished outside [from, to): not counted.
  {
    code: 'A-BEFORE',
    status: 'resolved',
    agency: A,
    due: '2025-06-10T10:00:00Z',
    finished: '2025-05-31T23:59:59Z',
  },
  {
    code: 'A-AT-TO',
    status: 'resolved',
    agency: A,
    due: '2025-07-10T10:00:00Z',
    finished: '2025-07-01T00:00:00Z',
  },
  {
    code: 'A-FINISHED-BEFORE-RETURNED-IN',
    status: 'returned',
    agency: A,
    due: '2025-06-10T10:00:00Z',
    finished: '2025-05-30T10:00:00Z',
    returned: '2025-06-02T10:00:00Z',
  },
  // Closed without a result: never finished, whatever their finished_at says.
  {
    code: 'A-WITHDRAWN',
    status: 'withdrawn',
    agency: A,
    due: '2025-06-10T10:00:00Z',
    finished: '2025-06-05T10:00:00Z',
  },
  {
    code: 'A-REJECTED',
    status: 'rejected',
    agency: A,
    due: '2025-06-10T10:00:00Z',
    finished: '2025-06-15T10:00:00Z',
  },
  { code: 'A-STOPPED', status: 'stopped', agency: A, due: PAST, finished: '2025-06-05T10:00:00Z' },
  // Open: past due counts as overdue unless the clock is stopped by a supplement request.
  { code: 'A-OPEN-OVERDUE', status: 'processing', agency: A, due: PAST },
  { code: 'A-PAYMENT-OVERDUE', status: 'payment_requested', agency: A, due: PAST },
  { code: 'A-SUPPLEMENT', status: 'supplement_requested', agency: A, due: PAST },
  { code: 'A-OPEN-NOT-DUE', status: 'processing', agency: A, due: FUTURE },
  { code: 'A-OPEN-UNDATED', status: 'processing', agency: A },
  // Agency B: 2 on time, 1 late, 1 open overdue.
  {
    code: 'B-ON-TIME-1',
    status: 'resolved',
    agency: B,
    due: '2025-06-20T10:00:00Z',
    finished: '2025-06-19T10:00:00Z',
  },
  {
    code: 'B-ON-TIME-2',
    status: 'returned',
    agency: B,
    due: '2025-06-20T10:00:00Z',
    finished: '2025-06-20T09:00:00Z',
    returned: '2025-07-02T00:00:00Z',
  },
  {
    code: 'B-LATE',
    status: 'returned',
    agency: B,
    due: '2025-06-20T10:00:00Z',
    finished: '2025-06-21T10:00:00Z',
    returned: '2025-06-22T10:00:00Z',
  },
  { code: 'B-OPEN-OVERDUE', status: 'received', agency: B, due: PAST },
  // Agency C: nothing finished, one open overdue.
  { code: 'C-OPEN-OVERDUE', status: 'registered', agency: C, due: PAST },
  // No agency: 1 late, 1 open overdue.
  { code: 'N-LATE', status: 'resolved', due: '2025-06-10T10:00:00Z', finished: '2025-06-11T10:00:00Z' },
  { code: 'N-OPEN-OVERDUE', status: 'processing', due: PAST },
];

const EXPECTED: OnTimeRow[] = [
  { agencyId: A, finished: 5, onTime: 2, late: 2, undated: 1, onTimeRate: 0.5, overdueOpen: 2 },
  { agencyId: B, finished: 3, onTime: 2, late: 1, undated: 0, onTimeRate: 0.6667, overdueOpen: 1 },
  { agencyId: C, finished: 0, onTime: 0, late: 0, undated: 0, onTimeRate: null, overdueOpen: 1 },
  { agencyId: null, finished: 1, onTime: 0, late: 1, undated: 0, onTimeRate: 0, overdueOpen: 1 },
];

async function seed(db: Db, rows: Row[]): Promise<void> {
  for (const r of rows) {
    await db.query(
      `INSERT INTO dossiers (code, version, status, agency_id, due_at, finished_at, returned_at, data)
       VALUES ($1, 1, $2, $3, $4::timestamptz, $5::timestamptz, $6::timestamptz, $7::jsonb)`,
      [
        r.code,
        r.status,
        r.agency ?? null,
        r.due ?? null,
        r.finished ?? null,
        r.returned ?? null,
        JSON.stringify({ code: r.code, status: r.status }),
      ],
    );
  }
}

describe('DossierReports over PostgreSQL', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let db: Db;
  let reports: DossierReports;

  beforeAll(async () => {
    scratch = await createTestDatabase();
    db = createPostgresDb({ connectionString: scratch.url });
    await migrate(db);
    await seed(db, ROWS);
    reports = new DossierReports(db);
  });

  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('counts on time, late and undated per agency, with overdue open dossiers, agencies without one last', async () => {
    expect(await reports.onTime(PERIOD)).toEqual(EXPECTED);
  });

  it('counts a dossier finished exactly at its due date as on time', async () => {
    const rows = await reports.onTime({ from: '2025-06-10T00:00:00Z', to: '2025-06-11T00:00:00Z' });
    expect(rows.find((r) => r.agencyId === A)).toMatchObject({ finished: 1, onTime: 1, late: 0 });
  });

  it('uses returned_at for a returned dossier that never recorded finished_at', async () => {
    const rows = await reports.onTime({ from: '2025-06-08T00:00:00Z', to: '2025-06-09T00:00:00Z' });
    expect(rows.find((r) => r.agencyId === A)).toMatchObject({ finished: 1, onTime: 0, late: 1 });
  });

  it('treats the period as [from, to): a dossier finished at `to` falls in the next period', async () => {
    const july = await reports.onTime({ from: '2025-07-01T00:00:00Z', to: '2025-08-01T00:00:00Z' });
    expect(july.find((r) => r.agencyId === A)).toMatchObject({ finished: 1, onTime: 1 });
    const may = await reports.onTime({ from: '2025-05-01T00:00:00Z', to: '2025-06-01T00:00:00Z' });
    expect(may.find((r) => r.agencyId === A)).toMatchObject({ finished: 2, onTime: 2 });
  });

  it('filters by agency', async () => {
    expect(await reports.onTime({ ...PERIOD, agencyId: B })).toEqual([EXPECTED[1]]);
    expect(await reports.onTime({ ...PERIOD, agencyId: C })).toEqual([EXPECTED[2]]);
    expect(await reports.onTime({ ...PERIOD, agencyId: '999.99.99.H99' })).toEqual([]);
  });

  it('reports overdue open dossiers even in a period where nothing finished', async () => {
    const rows = await reports.onTime({ from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' });
    expect(rows.map((r) => [r.agencyId, r.finished, r.overdueOpen])).toEqual([
      [A, 0, 2],
      [B, 0, 1],
      [C, 0, 1],
      [null, 0, 1],
    ]);
  });

  it('overdueCount() counts every open dossier past due, except those waiting for a supplement', async () => {
    expect(await reports.overdueCount()).toBe(5);
  });
});
