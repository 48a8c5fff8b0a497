import { IGATE_FIXTURE_TIME, igateFixture } from '../__fixtures__';
import type { RunningIgateSimulator } from './server';
import { manualClock } from '../../../src/simulator/__tests__/manual-clock';
import {
  BINH_HAI,
  BINH_SON,
  KET_HON,
  KHAI_SINH,
  allocate,
  call,
  login,
  start,
  stopAll,
} from './__tests__/test-support';

afterEach(stopAll);

let sim: RunningIgateSimulator;
let token: string;

beforeEach(async () => {
  sim = await start({ now: manualClock(IGATE_FIXTURE_TIME).now });
  token = await login(sim);
});

const create = (json: unknown) => call(sim, 'POST', '/pa/dossier', { token, json });

describe('igate simulator: POST /pa/dossier', () => {
  it('creates the fixture body with an allocated code and stores the full object (status 0)', async () => {
    const body = igateFixture('create-body');
    expect(await allocate(sim, token, BINH_HAI, KHAI_SINH)).toBe(body.code);
    const res = await create(body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      code: body.code,
      isDVCLT: false,
      agency: {
        id: BINH_HAI,
        code: '000.02.53.H48',
        name: [{ languageId: 228, name: 'UBND xã Bình Hải' }],
        parent: { code: '000.00.00.H48' },
      },
      procedure: {
        ...KHAI_SINH,
        translate: [{ languageId: 228, name: 'Thủ tục đăng ký khai sinh' }],
        sector: { code: 'HOTICH' },
      },
      applyMethod: { id: 1, name: 'Trực tuyến' },
      dossierReceivingKind: { name: [{ languageId: 228, name: 'Nhận trực tiếp' }] },
      dossierStatus: 0,
      dossierTaskStatus: { name: [{ name: 'Mới đăng ký' }] },
      procedureProcessDefinition: {
        processDefinition: {
          processingTime: 1,
          processingTimeUnit: 'd',
          timesheet: { name: 'Ngày làm việc' },
        },
      },
      createdDate: '2026-03-02T02:15:00.000+0000',
      updatedDate: '2026-03-02T02:15:00.000+0000',
      acceptedDate: null,
    });
    expect(res.body.applicant.data.fullname).toBe('Trần Thị Mai');
    expect((await call(sim, 'GET', `/pa/dossier/${res.body.id}/--online`, { token })).body).toEqual(res.body);
    expect(
      (await call(sim, 'GET', `/pa/dossier/search?code=${body.code}&dossier-status=0`, { token })).body
        .totalElements,
    ).toBe(1);
  });

  it('refuses a code used before with 409, so a retried create can be recognised', async () => {
    const body: Record<string, unknown> = {
      ...igateFixture('create-body'),
      nationCode: 'H48.02-260302-0001',
    };
    await allocate(sim, token, BINH_HAI, KHAI_SINH);
    expect((await create(body)).body.nationCode).toBe('H48.02-260302-0001');
    const again = await create(body);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      code: 'code',
      message: `dossier code ${String(body.code)} is already used`,
    });
  });

  type Body = ReturnType<typeof igateFixture<'create-body'>> & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  it.each<[string, (b: Body) => void, string]>([
    ['no code', (b) => delete b.code, 'code'],
    ['a code never allocated', (b) => (b.code = '000.02.53.H48-260302-0042'), 'code'],
    ['an unknown agency', (b) => (b.agency.id = 'ffffffffffffffffffffffff'), 'agency.id'],
    ['an agency code that is not the agency', (b) => (b.agency.code = '000.01.53.H48'), 'agency.code'],
    [
      'an agency closed by the 2025 merger',
      (b) => (b.agency = { id: '62174f6c378b3c2a75639fcc', code: '000.00.53.H48' }),
      'agency.code',
    ],
    ['an unknown procedure', (b) => (b.procedure.id = 'ffffffffffffffffffffffff'), 'procedure.id'],
    [
      'a procedure code that is not the procedure',
      (b) => (b.procedure.code = KET_HON.code),
      'procedure.code',
    ],
    [
      'a process definition of another procedure',
      (b) => (b.procedureProcessDefinition.id = '6716a2c1f5b1b47c066e4002'),
      'procedureProcessDefinition.id',
    ],
    ['no applicant name', (b) => (b.applicant.data.fullname = ' '), 'applicant.data.fullname'],
    [
      'an 11-digit identity number',
      (b) => (b.applicant.data.identityNumber = '05119500421'),
      'applicant.data.identityNumber',
    ],
    ['a status other than 0', (b) => (b.dossierStatus = 2), 'dossierStatus'],
    ['an empty national code', (b) => (b.nationCode = ''), 'nationCode'],
    [
      'an unknown receiving kind',
      (b) => (b.dossierReceivingKind.id = '000000000000000000000000'),
      'dossierReceivingKind.id',
    ],
    ['apply method 5', (b) => (b.applyMethod.id = 5), 'applyMethod.id'],
    ['a birthday without time', (b) => (b.applicant.data.birthday = '1995-08-15'), 'applicant.data.birthday'],
    [
      'an identity date in Z form',
      (b) => (b.applicant.data.identityDate = '2022-05-11T17:00:00.000Z'),
      'applicant.data.identityDate',
    ],
    ['forms that are not a list', (b) => (b.dossierFormFile = { file: [] }), 'dossierFormFile'],
  ])('refuses %s, naming the field', async (_name, change, field) => {
    const body = igateFixture('create-body') as Body;
    await allocate(sim, token, BINH_HAI, KHAI_SINH);
    change(body);
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: field, message: expect.any(String) });
    expect(sim.simulator.state.all()).toEqual([]);
  });

  it('refuses a code allocated for another agency, a non-JSON body, broken JSON and a missing token', async () => {
    const body = igateFixture('create-body');
    body.code = await allocate(sim, token, BINH_SON, KHAI_SINH);
    expect((await create(body)).body).toEqual({
      code: 'code',
      message: `code ${body.code} was allocated for another agency`,
    });
    const text = await call(sim, 'POST', '/pa/dossier', {
      token,
      json: body,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const res = await fetch(`${sim.url}/pa/dossier`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{"code":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^JSON parse error/);
    expect((await call(sim, 'POST', '/pa/dossier', { json: body })).status).toBe(401);
  });
});
