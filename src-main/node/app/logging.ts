// The app's log: electron-log (to a rotating file in the desktop app), levels, and nothing secret
// in it: passwords never, and a call's uui / attached data only when debug logging is on.
import type { LogMessage, NodeLogger } from 'electron-log';
import { redact } from '../session/diagnostics.ts';
import type { LogFn } from './app-controller.ts';

const CALL_DATA = /("(?:uui|uei|ci)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/** What a log line may say: no password ever; no call data unless debugging. */
export function redactForLog(text: string, debug: boolean): string {
  const safe = redact(text);
  return debug ? safe : safe.replace(CALL_DATA, '$1"…"');
}

export interface LogOptions {
  debug: boolean;
  /** The log file rotates (to `*.old.log`) past this size. */
  maxBytes?: number;
}

/** Sets levels, rotation and redaction on an electron-log logger (main or node) and adapts it to LogFn. */
export function configureLogger(logger: NodeLogger, options: LogOptions): LogFn {
  logger.transports.file.level = options.debug ? 'debug' : 'info';
  logger.transports.file.maxSize = options.maxBytes ?? 5 * 1024 * 1024;
  logger.transports.console.level = options.debug ? 'debug' : 'warn';
  logger.hooks.push((message: LogMessage) => ({
    ...message,
    data: message.data.map((d: unknown) => (typeof d === 'string' ? redactForLog(d, options.debug) : d)),
  }));
  return (level, message) => logger[level](message);
}
