import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Child processes and scratch resources of a run, released in reverse order even when the run fails. */
const cleanups: Array<() => Promise<unknown> | unknown> = [];

export function onCleanup(release: () => Promise<unknown> | unknown): void {
  cleanups.push(release);
}

/** Releases everything registered so far, newest first; a failing release is reported, not thrown. */
export async function cleanUp(): Promise<void> {
  for (const release of cleanups.splice(0).reverse()) {
    try {
      await release();
    } catch (err) {
      console.error(`cleanup: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** A new temporary folder, removed at cleanup. */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
