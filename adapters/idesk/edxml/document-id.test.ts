import { classifyDocumentId, formatDocumentId, parseDocumentId, validateDocumentId } from './document-id';

describe('DocumentId', () => {
  it('reads the QCVN 102 form into its parts', () => {
    expect(parseDocumentId('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT')).toEqual({
      kind: 'qcvn',
      organId: '000.00.00.G22',
      date: '2015-09-30',
      number: '7816',
      notation: 'VPCP-TTĐT',
    });
    expect(parseDocumentId('000.00.53.H48,2023/05/04,12/2023/TT-BTTTT')).toMatchObject({
      number: '12',
      notation: '2023/TT-BTTTT',
    });
  });

  it('accepts and classifies the UUID the VXP SDK writes', () => {
    expect(parseDocumentId('1DA394BA-2117-4354-A23F-6EC3E47BA81B')).toEqual({
      kind: 'uuid',
      uuid: '1da394ba-2117-4354-a23f-6ec3e47ba81b',
    });
    expect(classifyDocumentId('1da394ba-2117-4354-a23f-6ec3e47ba81b')).toBe('uuid');
    expect(classifyDocumentId('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT')).toBe('qcvn');
  });

  it('classifies nothing else, and says what is wrong', () => {
    for (const bad of [
      'test-doc',
      '',
      '000.00.00.G22,2015-09-30,7816/X',
      '000.00.00.G22,2015/09/30,7816',
      'a,b,c/d',
    ])
      expect(classifyDocumentId(bad)).toBeUndefined();
    expect(validateDocumentId('test-doc')[0]).toMatch(/neither/);
    expect(validateDocumentId('000.00.00.G22,2014/02/30,7806/VPCP-TTĐT')[0]).toMatch(
      /impossible date 2014-02-30/,
    );
    expect(validateDocumentId('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT')).toEqual([]);
  });

  it('writes the QCVN form from its parts and refuses parts that would not read back', () => {
    const parts = { organId: '000.00.00.G22', date: '2015-09-30', number: 7816, notation: 'VPCP-TTĐT' };
    expect(formatDocumentId(parts)).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(formatDocumentId({ ...parts, date: '2015/09/30' })).toBe(
      '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT',
    );
    for (const bad of [{ organId: 'a,b' }, { date: '2015-02-30' }, { number: '78/16' }, { notation: '' }])
      expect(() => formatDocumentId({ ...parts, ...bad })).toThrow(
        expect.objectContaining({ code: 'LT_EDXML_BAD_DOCUMENT_ID' }),
      );
  });
});
