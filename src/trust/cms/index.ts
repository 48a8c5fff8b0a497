export { verifyCms } from './verify';
export type { CmsOptions, CmsResult, CmsValid, CmsInvalid, CmsDigest } from './types';
