import { Command } from 'commander';
import { main } from '../main';
import { VERSION } from '../version';
import { registerConfigCommands } from './config-commands';
import { registerDeadLetterCommands } from './dead-letter-commands';
import { registerDemoCommand } from './demo';
import { registerMappingCommands } from './mapping-commands';
import { registerSimulatorCommands } from './simulator-commands';
import { registerStoreCommands } from './store-commands';
import { registerVerifyCommand } from './verify-command';

/** `npx lienthong <command>`: one entry for running, checking and operating the gateway. */
export function buildCli(): Command {
  const program = new Command('lienthong')
    .description('LienThong integration gateway for Vietnamese e-government')
    .version(VERSION);
  program
    .command('start')
    .description('start the gateway (same as npm start)')
    .action(() => main());
  registerConfigCommands(program);
  registerStoreCommands(program);
  registerDeadLetterCommands(program);
  registerDemoCommand(program);
  registerMappingCommands(program);
  registerSimulatorCommands(program);
  registerVerifyCommand(program);
  return program;
}

if (
  require.main === module ||
  process.argv[1]?.endsWith('lienthong.js') ||
  process.argv[1]?.endsWith('lienthong')
) {
  buildCli()
    .parseAsync(process.argv)
    .catch((err: Error & { code?: string }) => {
      console.error(`lienthong: ${err.code ? `${err.code}: ` : ''}${err.message}`);
      process.exit(1);
    });
}
