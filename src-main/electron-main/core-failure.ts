// An error nobody caught in the main process while the app core runs (an exception thrown from a
// callback, a promise rejected with no handler). The core and the shell run in one process, built
// into one file: where such an error came from cannot be told, and the core's state (calls, agent
// state, the link) may be half-changed, so it counts as the core's failure. Node calls these
// listeners instead of ending the process (Electron's main process is Node's `process`; electron-log
// logs the same errors too): the shell logs it and tells the toolbar, whose agent restarts the app.
// The first failure is told; later ones are only logged.

import type { LogFn } from '../node/app/ports.ts';

export function watchCoreFailures(proc: NodeJS.EventEmitter, log: LogFn, failed: () => void): () => void {
  let told = false;
  const onError = (kind: string) => (error: unknown) => {
    log(
      'error',
      `the app core failed (${kind}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    if (told) return;
    told = true;
    failed();
  };
  const uncaught = onError('an error nobody caught');
  const rejected = onError('a rejection nobody handled');
  proc.on('uncaughtException', uncaught);
  proc.on('unhandledRejection', rejected);
  return () => {
    proc.off('uncaughtException', uncaught);
    proc.off('unhandledRejection', rejected);
  };
}
