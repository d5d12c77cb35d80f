// The project's own `postinstall` (package.json): fetches Electron's binary once at install time,
// with Electron's own downloader, so that `npm start` finds it. It never fails the install — npm
// removes node_modules when an install script fails, which would take the browser preview and the
// tests with it: offline or behind a proxy it says so in one line and `npm start` tries again.
// ELECTRON_SKIP_BINARY_DOWNLOAD set: nothing is fetched (CI).
import { join } from 'node:path';
import { translate } from '../../common/i18n/index.ts';
import { downloadElectron, downloadSkipped, electronExecutable, electronPackageDir } from './electron-binary.ts';
import { terminalLang } from './launch-choice.ts';

async function main(): Promise<void> {
  if (downloadSkipped()) return;
  const electronDir = electronPackageDir(join(import.meta.dirname, '..', '..', '..'));
  // Not installed (npm install --omit=dev) or already there: nothing to fetch.
  if (!electronDir || electronExecutable(electronDir)) return;
  const lang = terminalLang();
  process.stdout.write(`${translate(lang, 'setup.downloading')}\n`);
  const result = await downloadElectron(electronDir);
  if (!result.ok) process.stdout.write(`${translate(lang, 'setup.downloadFailed', { reason: result.reason })}\n`);
}

await main().catch((error: unknown) => process.stdout.write(`postinstall: ${String(error)}\n`));
process.exit(0);
