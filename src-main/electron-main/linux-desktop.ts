// Linux desktop entries the app writes for the agent: the XDG autostart entry ("Start at login")
// and, for an AppImage, its own entry so that tel:/callto: links can name it. Plain Node.
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

/**
 * An argument of a desktop entry's Exec key, as the Desktop Entry spec requires: a literal % doubled;
 * quoted when it holds a space or a reserved character, with `"`, `` ` ``,
 * `$` and `\` escaped inside the quotes, then every backslash doubled (the string-value escape,
 * undone first by whoever reads the file).
 */
export function execArgument(arg: string): string {
  const literal = arg.replace(/%/g, '%%'); // % starts a field code (%U)
  if (/^[A-Za-z0-9_./:@+=,%-]+$/.test(literal)) return literal;
  return `"${literal.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`.replace(/\\/g, '\\\\');
}

export interface DesktopEntry {
  name: string;
  exec: string[];
  comment?: string;
  icon?: string;
  mimeTypes?: string[];
  extra?: Record<string, string>;
}

export function desktopEntryText(entry: DesktopEntry): string {
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${entry.name}`,
    `Exec=${entry.exec.join(' ')}`,
    'Terminal=false',
  ];
  if (entry.comment) lines.push(`Comment=${entry.comment}`);
  if (entry.icon) lines.push(`Icon=${entry.icon}`);
  if (entry.mimeTypes?.length) lines.push(`MimeType=${entry.mimeTypes.join(';')};`);
  for (const [key, value] of Object.entries(entry.extra ?? {})) lines.push(`${key}=${value}`);
  return `${lines.join('\n')}\n`;
}

/** $XDG_CONFIG_HOME/autostart (default ~/.config/autostart). */
export function autostartDir(env: Env): string {
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'autostart');
}

/** $XDG_DATA_HOME/applications (default ~/.local/share/applications). */
export function userApplicationsDir(env: Env): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'applications');
}

/** What starts this app: the AppImage file when it runs as one (its mount point changes each run). */
export function launcherPath(env: Env, execPath: string): string {
  return env.APPIMAGE || execPath;
}
