export { LtError, isLtError, toLtError } from './lt-error';
export type { ErrorKind, LtErrorOptions } from './lt-error';
