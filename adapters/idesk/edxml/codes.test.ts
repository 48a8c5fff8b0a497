import path from 'node:path';
import { inspectMappings } from '../../../src/mapping';
import { BUSSINESS_DOC_TYPES, STATUS_CODES } from './types';

const MAPPINGS = path.join(__dirname, '..', '..', '..', 'mappings');

describe('mappings/edxml code tables', () => {
  const { set, problems } = inspectMappings(MAPPINGS);

  it('load with the rest of the mappings folder without a problem in mappings/edxml', () => {
    expect(problems.filter((p) => p.file.startsWith('edxml'))).toEqual([]);
  });

  it('list exactly the status codes and BussinessDocTypes the parser accepts', () => {
    const status = set?.ref.tables.get('edxml-status-code');
    const docType = set?.ref.tables.get('edxml-bussiness-doc-type');
    expect(status?.entries.map((e) => e.native)).toEqual([...STATUS_CODES]);
    expect(docType?.entries.map((e) => Number(e.native))).toEqual([...BUSSINESS_DOC_TYPES]);
    expect(status?.entries.find((e) => e.native === '02')?.label).toMatch(/^Từ chối tiếp nhận/);
    expect(docType?.entries.map((e) => e.canonical)).toEqual(['new', 'revocation', 'update', 'replacement']);
  });
});
