import type { Command } from 'commander';
import { loadConfig } from '../config';
import { migrate, openDb } from '../store';
import type { Db } from '../store';
import { listMigrations } from '../store/migrate';
import { sealMessageLog, verifyMessageLog } from '../store/message-log';

export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.gateway.dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function registerStoreCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations (also done at every start; safe to run twice)')
    .action(() =>
      withDb(async (db) => {
        const applied = await migrate(db);
        console.log(
          applied.length
            ? `applied: ${applied.join(', ')}`
            : `up to date (${listMigrations().length} migrations)`,
        );
      }),
    );
  const log = program.command('log').description('the hash-chained message log');
  log
    .command('verify')
    .description('seal pending entries, then recompute the whole hash chain and report the first broken link')
    .action(() =>
      withDb(async (db) => {
        while ((await sealMessageLog(db, 5000)) > 0);
        const verdict = await verifyMessageLog(db);
        console.log(JSON.stringify(verdict));
        if (!verdict.ok) process.exitCode = 2;
      }),
    );
}
