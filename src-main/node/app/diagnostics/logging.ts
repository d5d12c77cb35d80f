// The app's log: electron-log (to a rotating file in the desktop app), levels, and nothing secret
// in it: passwords never, and a call's uui / attached data only when debug logging is on. Every
// line is one line: control characters in what the log is given (a tel: argument, a server's
// field, a setting) are written escaped, so no value can forge a line. The file is private to
// the user (0600, its folder 0700 when the logger creates it).
import { dirname } from 'node:path';
import type { LogMessage, NodeLogger, PathVariables } from 'electron-log';
import { redact } from '../../session/diagnostics.ts';
import { ensurePrivateFolder, narrowToUser, PRIVATE_FILE } from '../../files/atomic-file.ts';
import type { LogFn } from '../ports.ts';

const CALL_DATA = /("(?:uui|uei|ci)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/** What a log line may say: no password ever; no call data unless debugging. */
export function redactForLog(text: string, debug: boolean): string {
  const safe = redact(text);
  return debug ? safe : safe.replace(CALL_DATA, '$1"…"');
}

/** C0 and C1 controls and DEL, the Unicode line and paragraph separators, and the marks that
 *  reorder text on screen (bidi overrides and isolates). */
const UNSAFE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text on one line, with every control character written as an escape (`\n`, `\x1b`, `\u2028`). */
export function escapeForLog(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return (
      NAMED[c] ??
      (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
    );
  });
}

/** An error as the log shows it: its name and message on one line, then its stack's frames. */
function errorForLog(error: Error, debug: boolean): string {
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [escapeForLog(redactForLog(`${error.name}: ${error.message}`, debug)), ...frames.map(escapeForLog)].join('\n');
}

export interface LogOptions {
  debug: boolean;
  /** The log file rotates (to `*.old.log`) past this size. */
  maxBytes?: number;
}

/** Sets levels, rotation, privacy and escaping on an electron-log logger (main or node) and adapts it to LogFn. */
export function configureLogger(logger: NodeLogger, options: LogOptions): LogFn {
  const file = logger.transports.file;
  file.level = options.debug ? 'debug' : 'info';
  file.maxSize = options.maxBytes ?? 5 * 1024 * 1024;
  file.writeOptions = { ...file.writeOptions, mode: PRIVATE_FILE };
  const resolvePath = file.resolvePathFn;
  const prepared = new Set<string>();
  file.resolvePathFn = (variables: PathVariables, message?: LogMessage) => {
    const path = resolvePath(variables, message);
    if (!prepared.has(path)) {
      prepared.add(path);
      ensurePrivateFolder(dirname(path));
      narrowToUser(path);
    }
    return path;
  };
  logger.transports.console.level = options.debug ? 'debug' : 'warn';
  logger.hooks.push((message: LogMessage) => ({
    ...message,
    data: message.data.map((d: unknown) => {
      if (typeof d === 'string') return escapeForLog(redactForLog(d, options.debug));
      if (d instanceof Error) return errorForLog(d, options.debug);
      return d;
    }),
  }));
  return (level, message) => logger[level](message);
}
