import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOSSIER_STATUSES } from '../../../src/model/status';
import { MAPPINGS_DIR } from '../../../src/paths';
import { checkStatusTable, igateReference, loadIgateReference } from './reference';

describe('mappings/igate/status.yaml', () => {
  const ref = igateReference();

  it('gives every canonical status one native code to write, and reads back to it', () => {
    for (const status of DOSSIER_STATUSES) expect(ref.statusCanonical(ref.statusNative(status))).toBe(status);
    expect(ref.statusNative('registered')).toBe(0);
    expect(ref.statusNative('processing')).toBe(2);
  });

  it('leaves codes without evidence unknown, so that the gateway refuses them', () => {
    for (const native of [12, 13, 14, 15, 18]) expect(ref.statusCanonical(native)).toBeUndefined();
  });

  const full = DOSSIER_STATUSES.map((status, i) => ({ native: String(i), canonical: status as string }));
  it.each([
    [
      'two natives and no reverse row',
      [...full, { native: '20', canonical: 'received' }],
      /mark exactly one reverse/,
    ],
    [
      'an unknown canonical status',
      [...full, { native: '20', canonical: 'archived' }],
      /unknown canonical status 'archived'/,
    ],
    ['a native listed twice', [...full, { native: '1', canonical: 'rejected' }], /listed twice/],
    ['a native that is not a number', [...full, { native: 'x', canonical: 'rejected' }], /not a number/],
    ['a missing canonical status', full.slice(1), /no native code for 'registered'/],
  ])('is refused with %s', (_name, entries, message) => {
    expect(() => checkStatusTable(entries)).toThrow(message);
    expect(() => checkStatusTable(full)).not.toThrow();
  });

  it('is read from the mappings folder the simulator is given', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igate-ref-'));
    try {
      for (const file of ['agencies/registry.yaml', 'procedures/procedures.yaml', 'igate/status.yaml']) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.copyFileSync(path.join(MAPPINGS_DIR, file), path.join(dir, file));
      }
      const table = fs.readFileSync(path.join(dir, 'igate/status.yaml'), 'utf8');
      fs.writeFileSync(path.join(dir, 'igate/status.yaml'), table.replace("native: '17'", "native: '3'"));
      expect(() => loadIgateReference(dir)).toThrow(/status native 3 listed twice/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
