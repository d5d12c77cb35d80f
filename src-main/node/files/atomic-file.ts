// One way to replace a file so that a crash or power cut leaves either the old contents or the
// new, never half of each: write a temporary file beside it, flush it to disk, then rename it
// over the old one. Private to the user (0600, folder 0700): settings and history hold who the
// agent is and whom they called.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Errors that a rename on Windows gives while an antivirus or indexer briefly holds the file. */
const TRANSIENT = new Set(['EPERM', 'EACCES', 'EBUSY']);

export interface AtomicWriteOptions {
  /** How often to try the rename before giving up; the waits between tries grow. */
  renameAttempts?: number;
  /** For tests: the rename to use. */
  rename?: (from: string, to: string) => void;
  /** For tests: how to wait between tries (blocking, as the writers are synchronous). */
  sleep?: (ms: number) => void;
}

const sleepBlocking = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export function writeFileAtomic(path: string, text: string, options: AtomicWriteOptions = {}): void {
  const { renameAttempts = 5, rename = renameSync, sleep = sleepBlocking } = options;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      rename(tmp, path);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!TRANSIENT.has(code) || attempt >= renameAttempts) {
        rmSync(tmp, { force: true });
        throw error;
      }
      sleep(20 * attempt);
    }
  }
}
