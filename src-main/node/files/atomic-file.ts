// One way to replace a file so that a crash or power cut leaves either the old contents or the
// new, never half of each: write a temporary file beside it, flush it to disk, then rename it
// over the old one. Private to the user (0600, folder 0700): settings and history hold who the
// agent is and whom they called.
import {
  chmodSync,
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import * as fsp from 'node:fs/promises';
import { dirname } from 'node:path';

/** Files only the user may read and write; folders only the user may enter. */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

/** Creates a folder (and any missing parent) private to the user; one that exists is left as it is. */
export function ensurePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER });
}

/** Narrows a file that exists (say, written world-readable by an older version) to the user. */
export function narrowToUser(path: string): void {
  try {
    chmodSync(path, PRIVATE_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

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
  ensurePrivateFolder(dirname(path));
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', PRIVATE_FILE);
  try {
    // A temporary file left by an earlier crash keeps its old mode through open: narrow it.
    fchmodSync(fd, PRIVATE_FILE);
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

/** What the asynchronous write uses of `node:fs/promises`; tests pass their own to count or fail. */
export interface AsyncFileOps {
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<unknown>;
  open(path: string, flags: 'w', mode: number): Promise<fsp.FileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: true }): Promise<void>;
}

/**
 * The same replacement as `writeFileAtomic`, without blocking the event loop: for files written
 * on events (through `WriteBehind`), where a server's flood must not freeze the app.
 */
export async function writeFileAtomicAsync(
  path: string,
  text: string,
  options: { renameAttempts?: number; fs?: AsyncFileOps } = {},
): Promise<void> {
  const { renameAttempts = 5, fs = fsp } = options;
  await fs.mkdir(dirname(path), { recursive: true, mode: PRIVATE_FOLDER });
  const tmp = `${path}.tmp-${process.pid}`;
  const file = await fs.open(tmp, 'w', PRIVATE_FILE);
  try {
    await file.chmod(PRIVATE_FILE);
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await fs.rename(tmp, path);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!TRANSIENT.has(code) || attempt >= renameAttempts) {
        await fs.rm(tmp, { force: true });
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}
