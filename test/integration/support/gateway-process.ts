/** The gateway as a child process: the starter is shared with `npm run bench:e2e` (bench/ is built, test/ is not). */
export { spawnGateway, writeConfig } from '../../../bench/gateway-process';
export type { GatewayProcess } from '../../../bench/gateway-process';

export const OPERATOR_KEY = 'integration-operator-key-0123456789';
