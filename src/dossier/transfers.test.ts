import { LtError } from '../errors';
import type { Dossier } from '../model';
import { validateDossier } from '../model';
import { readFixture } from '../model/__tests__/fixtures';
import {
  addTransfer,
  applyTransferStatus,
  parseTransferRequest,
  routeTransfer,
  transferDocumentId,
} from './transfers';

function stored(): Dossier {
  return validateDossier(readFixture('online-citizen-received.json'));
}

const AT = new Date('2026-11-22T17:30:00Z'); // 00:30 on 23/11 in Vietnam

describe('transfers between agencies', () => {
  it('names the carrying package with a QCVN 102 DocumentId dated in Vietnam time', () => {
    expect(transferDocumentId('000.01.53.H48', AT, 2, 'X-1')).toBe('000.01.53.H48,2026/11/23,2/LT-X-1');
  });

  it('adds a transfer as sent, with a progress step the national portal will receive', () => {
    const d = stored();
    const { dossier, change } = addTransfer(
      d,
      { to: { id: '000.00.00.H48', name: 'UBND tỉnh' }, reason: 'thẩm định' },
      'op',
      AT,
    );
    expect(() => validateDossier(dossier)).not.toThrow();
    const t = dossier.transfers.at(-1)!;
    expect(t).toMatchObject({
      id: 'T1',
      status: 'sent',
      to: { id: '000.00.00.H48' },
      from: { id: d.agency.id },
    });
    expect(t.documentId).toBe(`${d.agency.id},2026/11/23,1/LT-${d.code}`);
    expect(change).toMatchObject({ kind: 'updated', progressFrom: d.progress.length });
    expect(dossier.progress.at(-1)).toMatchObject({
      status: d.status,
      note: expect.stringMatching(/UBND tỉnh: thẩm định/),
    });
    expect(dossier.version).toBe(d.version + 1);
  });

  it('refuses a transfer to the dossier’s own agency or with unknown documents', () => {
    const d = stored();
    expect(() => addTransfer(d, { to: { id: d.agency.id } }, 'op')).toThrow(LtError);
    expect(() => addTransfer(d, { to: { id: '000.00.00.H48' }, documentIds: ['nope'] }, 'op')).toThrow(
      /unknown document ids: nope/,
    );
  });

  it('routes from the agency registry: known, open and on the exchange; the registry names it', () => {
    const registry = new Map([
      ['000.00.00.H48', { name: 'UBND tỉnh Quảng Ngãi', systems: ['igate', 'vxp'] }],
      ['000.00.53.H48', { name: 'UBND huyện Bình Sơn', systems: ['vxp'], validTo: '2025-06-30' }],
      ['000.00.99.H48', { name: 'Không kết nối', systems: ['igate'] }],
    ]);
    const lookup = (id: string) => registry.get(id);
    const at = new Date('2026-11-22T00:00:00Z');
    expect(routeTransfer({ to: { id: '000.00.00.H48', name: 'x' } }, lookup, at).to).toEqual({
      id: '000.00.00.H48',
      name: 'UBND tỉnh Quảng Ngãi',
    });
    const code = (id: string) => {
      try {
        routeTransfer({ to: { id } }, lookup, at);
        return 'accepted';
      } catch (err) {
        return (err as LtError).code;
      }
    };
    expect(code('000.00.53.H48')).toBe('LT_TRANSFER_AGENCY_CLOSED');
    expect(code('000.00.99.H48')).toBe('LT_TRANSFER_UNREACHABLE');
    expect(code('000.77.00.H48')).toBe('LT_TRANSFER_UNKNOWN_AGENCY');
  });

  it('keeps the chosen documents on the transfer', () => {
    const d = stored();
    const id = d.documents[0].id;
    expect(
      addTransfer(d, { to: { id: '000.00.00.H48' }, documentIds: [id] }, 'op').dossier.transfers.at(-1)
        ?.documentIds,
    ).toEqual([id]);
  });

  it('checks the request body and names each bad field', () => {
    expect(parseTransferRequest({ to: { id: '000.00.00.H48' } }).to.id).toBe('000.00.00.H48');
    try {
      parseTransferRequest({ to: { id: 'bad id' }, documentIds: 'x' });
      throw new Error('accepted');
    } catch (err) {
      expect((err as LtError).code).toBe('LT_TRANSFER_INVALID');
      expect((err as LtError).message).toMatch(/\/to\/id.*\/documentIds/);
    }
  });

  describe('status messages from the receiving agency', () => {
    const sent = () => addTransfer(stored(), { to: { id: '000.00.00.H48' } }, 'op', AT).dossier;
    const report = (
      d: Dossier,
      statusCode: string,
      status: 'received' | 'completed' | 'rejected',
      at: string,
    ) => ({
      documentId: d.transfers[0].documentId!,
      from: { id: '000.00.00.H48', name: 'UBND tỉnh' },
      statusCode,
      status,
      description: 'Đã tiếp nhận',
      at,
    });

    it('moves the transfer and adds a progress step', () => {
      const d = sent();
      const next = applyTransferStatus(d, report(d, '03', 'received', '2026-11-23T01:00:00.000Z'), 'idesk')!;
      expect(next.dossier.transfers[0]).toMatchObject({ status: 'received', statusCode: '03' });
      expect(next.dossier.progress.at(-1)).toMatchObject({
        at: '2026-11-23T01:00:00.000Z',
        note: 'UBND tỉnh: Đã tiếp nhận (edXML 03)',
        status: d.status,
      });
      expect(next.change.progressFrom).toBe(d.progress.length);
    });

    it('keeps a completed transfer completed when a late 05 arrives, but still notes it', () => {
      const d = sent();
      const done = applyTransferStatus(
        d,
        report(d, '06', 'completed', '2026-11-23T03:00:00.000Z'),
        'idesk',
      )!.dossier;
      const late = applyTransferStatus(
        done,
        report(done, '05', 'received', '2026-11-23T02:00:00.000Z'),
        'idesk',
      )!;
      expect(late.dossier.transfers[0]).toMatchObject({ status: 'completed', statusCode: '06' });
      expect(late.dossier.progress).toHaveLength(done.progress.length + 1);
    });

    it('writes nothing for a repeat, and refuses an answer from another agency or about another package', () => {
      const d = sent();
      const r = report(d, '03', 'received', '2026-11-23T01:00:00.000Z');
      const once = applyTransferStatus(d, r, 'idesk')!.dossier;
      expect(applyTransferStatus(once, r, 'idesk')).toBeUndefined();
      expect(() => applyTransferStatus(d, { ...r, from: { id: '000.00.99.H48' } }, 'idesk')).toThrow(
        /not to 000.00.99.H48/,
      );
      expect(() => applyTransferStatus(d, { ...r, documentId: 'other' }, 'idesk')).toThrow(LtError);
    });
  });
});
