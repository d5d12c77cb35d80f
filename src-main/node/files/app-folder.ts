// The app's own folders (settings, password, history, agent state, window place, logs) are the
// user's alone: files 0600, folders 0700. What an earlier version (or a library's default) left
// readable by others is narrowed at start: the shell calls this with the folders the app owns.
// The machine policy is never among them: IT owns that file.
import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** What narrowing found: how many entries were narrowed, and what could not be (logged by the caller). */
export interface NarrowResult {
  narrowed: string[];
  failed: string[];
}

/**
 * Takes group and other permissions off every file and folder under each of `folders` (the
 * folders themselves included). Symbolic links are neither followed nor changed: a link in the
 * folder must not make the app change a file elsewhere. Windows: POSIX modes mean little there
 * (access is the ACL of the user's profile), so nothing is done.
 */
export async function narrowAppFolders(
  folders: readonly string[],
  platform: NodeJS.Platform = process.platform,
): Promise<NarrowResult> {
  const result: NarrowResult = { narrowed: [], failed: [] };
  if (platform === 'win32') return result;
  const seen = new Set<string>();
  const visit = async (path: string): Promise<void> => {
    if (seen.has(path)) return;
    seen.add(path);
    let stats;
    try {
      stats = await lstat(path);
    } catch {
      return; // not there (yet): nothing to narrow
    }
    if (!stats.isFile() && !stats.isDirectory()) return; // links, sockets, pipes: left alone
    const mode = stats.mode & 0o777;
    if (mode & 0o077) {
      try {
        await chmod(path, mode & 0o700);
        result.narrowed.push(path);
      } catch {
        result.failed.push(path); // another user's file in our folder: said, not fatal
      }
    }
    if (!stats.isDirectory()) return;
    let entries: string[];
    try {
      entries = await readdir(path);
    } catch {
      result.failed.push(path);
      return;
    }
    for (const entry of entries) await visit(join(path, entry));
  };
  for (const folder of folders) await visit(folder);
  return result;
}
