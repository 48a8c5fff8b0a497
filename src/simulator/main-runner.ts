import { CommanderError } from 'commander';

/** A simulator started by its standalone `main.ts`. */
export interface Serving {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Announces a started simulator with one JSON line `{"event":"listening","url":...,"port":...}` on stdout
 * (useful with `--port 0`), and closes it and ends the process on SIGTERM or SIGINT.
 */
export function serveUntilSignal<R extends Serving>(running: R): R {
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: running.url, port: running.port })}\n`);
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return running;
}

/**
 * Runs a simulator's `main` on the process arguments; a failure ends the process with one line named
 * after `name`. Call it under `if (require.main === module)`.
 */
export function runMain(name: string, main: (argv: string[]) => Promise<unknown>): void {
  main(process.argv.slice(2)).catch((err: unknown) => {
    // Commander has already printed usage or the bad option.
    if (err instanceof CommanderError) process.exit(err.exitCode);
    console.error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
