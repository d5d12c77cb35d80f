// What `npm start` runs: the desktop app when Electron's binary is there (fetched first when it is
// missing), else the browser preview, with one line saying why and how to get the desktop app.
import { translate, type Lang } from '../../common/i18n/index.ts';
import type { Downloader } from './electron-binary.ts';

export type LaunchChoice = { kind: 'electron'; executable: string } | { kind: 'preview'; message: string };

export interface LaunchDeps {
  /** The Electron executable on disk, if any. */
  findExecutable(): string | undefined;
  download: Downloader;
  /** ELECTRON_SKIP_BINARY_DOWNLOAD is set: do not download. */
  skipDownload: boolean;
  lang: Lang;
  /** Told once, before a download starts (it can take minutes). */
  announce(line: string): void;
}

export async function chooseLaunch(deps: LaunchDeps): Promise<LaunchChoice> {
  const present = deps.findExecutable();
  if (present) return { kind: 'electron', executable: present };
  if (deps.skipDownload) return { kind: 'preview', message: translate(deps.lang, 'setup.previewSkipped') };
  deps.announce(translate(deps.lang, 'setup.downloading'));
  const result = await deps.download();
  const fetched = result.ok ? deps.findExecutable() : undefined;
  if (fetched) return { kind: 'electron', executable: fetched };
  const reason = result.ok ? 'the download left no executable' : result.reason;
  return { kind: 'preview', message: translate(deps.lang, 'setup.previewInstead', { reason }) };
}

/** The terminal's language, as the other command-line tools read it. */
export function terminalLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return /^ko/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'ko' : 'en';
}
