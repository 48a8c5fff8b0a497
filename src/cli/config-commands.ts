import type { Command } from 'commander';
import { describeConfig, loadConfig } from '../config';
import { getAdapterFactory } from '../adapter/registry';
import { validateSystemConfig } from '../config';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('configuration');
  config
    .command('check')
    .description(
      'validate the configuration (LIENTHONG_CONFIG or ./lienthong.yaml) and print it with secrets redacted',
    )
    .action(() => {
      const loaded = loadConfig();
      for (const [name, block] of Object.entries(loaded.systems)) {
        validateSystemConfig(name, block, getAdapterFactory(name).configSchema);
      }
      console.log(JSON.stringify(describeConfig(loaded), null, 2));
      console.log(
        loaded.sandbox
          ? 'no configuration file: this is the sandbox configuration'
          : 'configuration is valid',
      );
    });
}
