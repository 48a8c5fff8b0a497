import { loadConfig } from './config';
import { isLtError } from './errors';
import { startGateway } from './gateway';

/**
 * `npm start`: the gateway on embedded defaults. Configuration problems end the process with one line
 * that names the key (or what to install), never with a stack trace.
 */
export async function main(): Promise<void> {
  try {
    const config = loadConfig();
    const gateway = await startGateway(config, { handleSignals: true });
    if (config.sandbox) {
      console.error(
        [
          '',
          `LienThong sandbox is running on ${gateway.url}`,
          `  health:    ${gateway.url}/health/ready`,
          `  API docs:  ${gateway.url}/docs`,
          `  dossiers:  ${gateway.url}/api/v1/dossiers`,
          `  try it:    npx lienthong demo   (creates a dossier and shows its deliveries)`,
          '',
        ].join('\n'),
      );
    }
  } catch (err) {
    console.error(`lienthong: ${isLtError(err) ? `${err.code}: ${err.message}` : (err as Error).stack}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
