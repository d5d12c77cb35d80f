// How the app's words are said: a catalogue per language (en.ts, ko.ts), `{{name}}` filled from the
// values given (a value is never read again for placeholders) and `$t(key)` for another message.
// index.ts loads both catalogues (the main process says everything in both); the toolbar loads only
// the language the agent chose, when chosen.
import type { Catalogue, MessageKey } from './en.ts';

export type { Catalogue, MessageKey };
export type Lang = 'ko' | 'en';
/** A message in both languages, as the main process hands it to the toolbar. */
export interface Plain {
  ko: string;
  en: string;
}
type Values = Record<string, string | number>;

const catalogues: Partial<Record<Lang, Catalogue>> = {};
const TOKEN = /\{\{\s*([^{}\s]+)\s*\}\}|\$t\(([^()]+)\)/g;

export function addCatalogue(lang: Lang, catalogue: Catalogue): void {
  catalogues[lang] = catalogue;
}

export function hasCatalogue(lang: Lang): boolean {
  return catalogues[lang] !== undefined;
}

/** The message in `lang`; a placeholder with no value stays as written, a key not loaded is said as itself. */
export function translate(lang: Lang, key: MessageKey, values?: Values): string {
  const template = catalogues[lang]?.[key];
  if (template === undefined) return key;
  return template.replace(TOKEN, (token, name: string | undefined, nested: string | undefined) => {
    if (nested !== undefined) {
      const other = catalogueKey(nested.trim());
      return other && other !== key ? translate(lang, other, values) : token;
    }
    const value: unknown = values && Object.hasOwn(values, name!) ? values[name!] : undefined;
    return value === undefined ? token : value === null ? '' : String(value);
  });
}

/** A key made at run time (from a number the server or the settings gave), if the catalogue has it. */
export function catalogueKey(key: string): MessageKey | undefined {
  const any = catalogues.en ?? catalogues.ko;
  return any && Object.hasOwn(any, key) ? (key as MessageKey) : undefined;
}

/** A reason as the agent sees it: the label set in settings, else the built-in word (Not ready's
 *  own words; for wrap-up and log-off codes, "Code N"). */
export function reasonLabel(lang: Lang, code: number, label = '', kind: 'notReady' | 'other' = 'notReady'): string {
  if (label) return label;
  if (kind === 'other') return translate(lang, 'reason.code', { code });
  const key = catalogueKey(`reason.${code}`);
  return key ? translate(lang, key) : `${translate(lang, 'agent.notReady')} ${code}`;
}

/** A word in both languages: what the main process hands the toolbar for a message ({ko, en}).
 *  Values that are words themselves are given per language. */
export function both(key: MessageKey, values?: Values | ((lang: Lang) => Values)): Plain {
  const of = (lang: Lang) => (typeof values === 'function' ? values(lang) : values);
  return { ko: translate('ko', key, of('ko')), en: translate('en', key, of('en')) };
}

/** 75 -> "1:15", 3700 -> "1:01:40". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
