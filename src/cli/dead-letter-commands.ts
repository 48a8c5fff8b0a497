import type { Command } from 'commander';
import { DeadLetterService } from '../queue/dead-letters';
import { withDb } from './store-commands';

/**
 * Dead letters from the command line. Replays and discards made here are picked up by the running
 * gateways' outbox sweep (the CLI does not talk to Redis), within one sweep interval.
 */
export function registerDeadLetterCommands(program: Command): void {
  const dl = program.command('dead-letters').description('list, replay or discard dead letters');
  const service = (db: Parameters<Parameters<typeof withDb>[0]>[0]) =>
    new DeadLetterService(db, () => undefined);
  dl.command('list')
    .option('--target <name>', 'only this target system')
    .option('--state <state>', 'open | replayed | discarded', 'open')
    .option('--limit <n>', 'at most n rows', '100')
    .action((o: { target?: string; state: 'open' | 'replayed' | 'discarded'; limit: string }) =>
      withDb(async (db) => {
        const rows = await service(db).list({ target: o.target, state: o.state, limit: Number(o.limit) });
        console.log(JSON.stringify(rows, null, 2));
      }),
    );
  for (const verb of ['replay', 'discard'] as const) {
    dl.command(verb)
      .description(`${verb} dead letters by id, or all open ones of a target or dossier`)
      .argument('[ids...]', 'dead letter ids')
      .option('--target <name>')
      .option('--dossier <code>')
      .action((ids: string[], o: { target?: string; dossier?: string }) =>
        withDb(async (db) => {
          const s = service(db);
          const selector = { ids: ids.map(Number), target: o.target, dossierCode: o.dossier };
          const n =
            verb === 'replay' ? await s.replayMany(selector, 'cli') : await s.discardMany(selector, 'cli');
          console.log(`${verb === 'replay' ? 'replayed' : 'discarded'}: ${n}`);
        }),
      );
  }
}
