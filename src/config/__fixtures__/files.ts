import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh empty directory under the OS temp folder, removed by `cleanup`. */
export function tempDir(): { dir: string; write(name: string, text: string): string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-config-'));
  return {
    dir,
    write(name, text) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` and returns what it threw (failing the test if nothing was thrown). */
export function thrown(fn: () => unknown): {
  code: string;
  message: string;
  details?: Record<string, unknown>;
} {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected an error');
}
