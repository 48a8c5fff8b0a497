import { LtError } from '../errors/lt-error';
import { canTransition } from './status';
import type { Dossier } from './dossier';
import { DOSSIER_SCHEMA, DOSSIER_SCHEMA_ID, isValidDossier, validateDossier } from './validate';
import { INVALID_FIXTURES, INVALID_FIXTURE_DIR, VALID_FIXTURES, readFixture } from './__tests__/fixtures';

/** Where each invalid fixture must be reported. Adding a fixture without an entry fails the suite. */
const EXPECTED_PATH: Record<string, string> = {
  'bad-channel.json': '/channel',
  'bad-document-sha256.json': '/documents/0/sha256',
  'bad-dossier-code-charset.json': '/code',
  'bad-identity-number.json': '/applicant/identity/number',
  'duplicate-document-id.json': '/documents/1/id',
  'fractional-payment-amount.json': '/payments/0/amount',
  'local-time-offset.json': '/times/receivedAt',
  'lowercase-agency-id.json': '/agency/id',
  'missing-applicant-name.json': '/applicant/name',
  'missing-procedure-code.json': '/procedure/nationalCode',
  'negative-fee-amount.json': '/fees/0/amount',
  'postal-return-without-address.json': '/resultReturn/address',
  'unknown-status.json': '/status',
  'unknown-top-level-field.json': '/maHoSo',
  'version-zero.json': '/version',
};

function refusal(input: unknown): LtError {
  try {
    validateDossier(input);
  } catch (err) {
    if (err instanceof LtError) return err;
    throw err;
  }
  throw new Error('expected the dossier to be refused');
}

function paths(err: LtError): string[] {
  return (err.details?.errors as Array<{ path: string }>).map((e) => e.path);
}

describe('validateDossier', () => {
  it('exposes the schema and its id', () => {
    expect(DOSSIER_SCHEMA.$id).toBe(DOSSIER_SCHEMA_ID);
    expect(DOSSIER_SCHEMA_ID).toBe('https://lienthong.vn/schemas/canonical/dossier.v1.json');
  });

  it.each(VALID_FIXTURES)('accepts %s unchanged', (file) => {
    const input = readFixture(file);
    const before = JSON.stringify(input);
    expect(validateDossier(input)).toBe(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(isValidDossier(input)).toBe(true);
  });

  it.each(VALID_FIXTURES)('%s tells a story the state machine allows', (file) => {
    const d = readFixture(file) as unknown as Dossier;
    const statuses = d.progress.map((p) => p.status).filter((s, i, all) => i === 0 || s !== all[i - 1]);
    statuses
      .slice(1)
      .forEach((to, i) =>
        expect([statuses[i], to, canTransition(statuses[i], to)]).toEqual([statuses[i], to, true]),
      );
    expect(statuses[statuses.length - 1]).toBe(d.status);
  });

  it('has an expected path for every invalid fixture', () => {
    expect([...INVALID_FIXTURES].sort()).toEqual(Object.keys(EXPECTED_PATH).sort());
  });

  it.each(INVALID_FIXTURES)('refuses %s at the right path', (file) => {
    const err = refusal(readFixture(file, INVALID_FIXTURE_DIR));
    expect(err.code).toBe('LT_MODEL_INVALID_DOSSIER');
    expect(err.kind).toBe('validation');
    expect(paths(err)).toContain(EXPECTED_PATH[file]);
    expect(err.detail).toMatch(/^dossier is invalid: /);
    expect(err.detail).toContain(EXPECTED_PATH[file]);
  });

  it('writes a readable detail naming paths and allowed values', () => {
    const d = readFixture('direct-enterprise-registered.json');
    d.channel = 'email';
    expect(refusal(d).detail).toBe('dossier is invalid: /channel must be one of direct, online, postal');
  });

  it('names the first few problems and counts the rest', () => {
    const err = refusal({});
    expect(err.detail).toMatch(/^dossier is invalid: \/schemaVersion is required; .*\(and \d+ more\)$/);
    expect(paths(err)).toEqual(expect.arrayContaining(['/code', '/applicant', '/externalIds']));
    expect(refusal(null).detail).toBe('dossier is invalid: dossier must be object');
  });

  it('never echoes an identity number, whichever field is wrong', () => {
    const bad = readFixture('bad-identity-number.json', INVALID_FIXTURE_DIR) as unknown as Dossier;
    const number = bad.applicant.identity?.number as string;
    const err = refusal(bad);
    expect(err.detail).not.toContain(number);
    expect(JSON.stringify(err.toBody())).not.toContain(number);

    const other = readFixture('online-citizen-received.json') as unknown as Dossier;
    (other.applicant.identity as { kind: string }).kind = 'passport'; // 12 digits is fine, kind changes nothing
    (other as unknown as Record<string, unknown>).channel = '001099000001'; // the number put where it does not belong
    const err2 = refusal(other);
    expect(JSON.stringify(err2.toBody())).not.toContain('001099000001');
  });

  it('checks identity number shapes per kind', () => {
    const cases: Array<[string, string, boolean]> = [
      ['cccd', '001099000001', true],
      ['cccd', '00109900000', false],
      ['cmnd', '123456789', true],
      ['cmnd', '1234567890', false],
      ['passport', 'C1234567', true],
      ['passport', 'c1234567', false],
      ['tax_code', '0109999999-001', true],
      ['tax_code', '010999999', false],
      ['enterprise_code', '0109999999', true],
      ['other', 'GKS/123-2020', true],
    ];
    for (const [kind, number, ok] of cases) {
      const d = readFixture('online-citizen-received.json') as unknown as Dossier;
      d.applicant.identity = { kind: kind as 'cccd', number };
      expect([kind, number, isValidDossier(d)]).toEqual([kind, number, ok]);
    }
  });

  it('requires ids to be unique and supplement answers to name real documents', () => {
    const d = readFixture('interagency-transfer-after-supplement.json') as unknown as Dossier;
    d.supplements![0].documentIds = ['doc-1', 'doc-9'];
    d.transfers.push({ ...d.transfers[0] });
    expect(paths(refusal(d))).toEqual(['/transfers/1/id', '/supplements/0/documentIds/1']);
  });
});
