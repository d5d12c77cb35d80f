// A number as typed, pasted or clicked, made dialable: spaces, dashes, dots and brackets go,
// Korea's +82 becomes the national 0 (+82 10-1234-5678 -> 01012345678), another leading + the
// international 00, and a trunk prefix from the settings goes before external numbers. What is
// left must be digits, * or #, at most 64 of them.
import type { MessageKey } from './i18n/words.ts';
import { Limits } from './protocol/codes.ts';

/** A refused number says why as a message of the catalogue (the toolbar says it in its language, main in both). */
export type DialNumber =
  { ok: true; number: string } | { ok: false; problem: { key: MessageKey; values?: Record<string, number> } };

const SEPARATORS = /[\s\-.()/]/g;

/**
 * The number of a `tel:` or `callto:` link (RFC 3966: `tel:+82-10-1234-5678;ext=1`), undefined
 * for anything else. Parameters and query are dropped; the number is not yet normalised.
 */
export function numberFromDialUrl(url: string): string | undefined {
  const match = /^(tel|callto):(?:\/\/)?([^;?#]*)/i.exec(url.trim());
  if (!match) return undefined;
  let number: string;
  try {
    number = decodeURIComponent(match[2]!);
  } catch {
    return undefined;
  }
  return number.trim() === '' ? undefined : number;
}

/** The first `tel:` or `callto:` link among command-line arguments (how the OS hands one over). */
export function dialUrlFromArgs(args: readonly string[]): string | undefined {
  return args.find((arg) => /^(tel|callto):/i.test(arg));
}

/**
 * Normalises a number and, when `trunkPrefix` is set, puts it before external numbers (longer
 * than an extension): what the switch needs to get an outside line.
 */
export function normalizeDialNumber(
  raw: string,
  options: { trunkPrefix?: string; extensionLength?: number } = {},
): DialNumber {
  let n = raw.replace(SEPARATORS, '');
  if (n.startsWith('+82')) n = `0${n.slice(3).replace(/^0/, '')}`;
  else if (n.startsWith('+')) n = `00${n.slice(1)}`;
  if (n === '') return { ok: false, problem: { key: 'dialError.empty' } };
  if (!/^[0-9*#]+$/.test(n)) {
    return { ok: false, problem: { key: 'dialError.characters' } };
  }
  const { trunkPrefix, extensionLength = 4 } = options;
  if (trunkPrefix && n.length > extensionLength && !n.startsWith(trunkPrefix)) n = `${trunkPrefix}${n}`;
  if (n.length > Limits.device) {
    return { ok: false, problem: { key: 'dialError.length', values: { max: Limits.device } } };
  }
  return { ok: true, number: n };
}
