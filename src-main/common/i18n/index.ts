// The one catalogue of the app's own words, in Korean and English, and the one way to say them
// (i18next): the toolbar, the main process (tray) and the protocol's messages (what a result or
// close code means: protocol/catalogue.ts hands them out by code) all translate through here.
import i18next from 'i18next';
import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';

export type { MessageKey };
export type Lang = 'ko' | 'en';
/** A message in both languages, as the main process hands it to the toolbar. */
export interface Plain {
  ko: string;
  en: string;
}

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, ko: { translation: ko } },
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});

const fixed = { ko: i18n.getFixedT('ko'), en: i18n.getFixedT('en') };

export function translate(lang: Lang, key: MessageKey, values?: Record<string, string | number>): string {
  return fixed[lang](key, values ?? {});
}

/** A key made at run time (from a number the server or the settings gave), if the catalogue has it. */
export function catalogueKey(key: string): MessageKey | undefined {
  return Object.hasOwn(en, key) ? (key as MessageKey) : undefined;
}

/** A reason as the agent sees it: the label set in settings, else the built-in word (Not ready's
 *  own words; for wrap-up and log-off codes, "Code N"). */
export function reasonLabel(lang: Lang, code: number, label = '', kind: 'notReady' | 'other' = 'notReady'): string {
  if (label) return label;
  if (kind === 'other') return translate(lang, 'reason.code', { code });
  const key = catalogueKey(`reason.${code}`);
  return key ? translate(lang, key) : `${translate(lang, 'agent.notReady')} ${code}`;
}

type Values = Record<string, string | number>;
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
