// `node --import tsx --import ./electron-loader.mjs shell.ts`: answers `import 'electron'` with
// electron-ipc-main.ts (the desktop-path test's shell process only).
import { register } from 'node:module';

const standin = new URL('./electron-ipc-main.ts', import.meta.url).href;
register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(standin)}, shortCircuit: true };
  return next(specifier, context);
}`)}`,
);
