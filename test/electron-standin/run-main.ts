// The child's entry: loads the built main process (STANDIN_MAIN) as Electron would, with the
// command line Electron gives it, then makes the app ready, as Electron does once the main script ran.
import { pathToFileURL } from 'node:url';
import { currentStandin } from './electron.ts';

const standin = currentStandin();
const main = process.env.STANDIN_MAIN ?? '';
const extra = JSON.parse(process.env.STANDIN_ARGV ?? '[]') as string[];
// Electron's argv: the executable, then (in development, `electron .`) the app's folder, then the rest.
process.argv = [process.execPath, ...(standin.options.packaged ? [] : [standin.options.appPath]), ...extra];

try {
  await import(pathToFileURL(main).href);
  process.send?.({ kind: 'loaded' });
} catch (error) {
  process.send?.({ kind: 'load-failed', message: String((error as Error)?.stack ?? error) });
}
setImmediate(() => standin.becomeReady());
