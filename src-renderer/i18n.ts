// The toolbar's words come from the app's one catalogue (src-main/common/i18n). Server and
// protocol messages come as {ko, en} pairs from the main process and are picked with `plain()`.
// Only the chosen language's catalogue is loaded, as its own file, when chosen.
import { addCatalogue, hasCatalogue, type Lang, type Plain } from '$common/i18n/words.ts';

export { catalogueKey, reasonLabel, translate, type Lang, type MessageKey } from '$common/i18n/words.ts';

/** Loads `lang`'s catalogue (once). */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (hasCatalogue(lang)) return;
  addCatalogue(lang, lang === 'ko' ? (await import('$common/i18n/ko.ts')).ko : (await import('$common/i18n/en.ts')).en);
}

export function plain(lang: Lang, message: Plain | undefined): string {
  return message ? message[lang] : '';
}

/** 75 -> "1:15", 3700 -> "1:01:40". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
