// The toolbar's words come from the app's one catalogue (src-main/common/i18n). Server and
// protocol messages come as {ko, en} pairs from the main process and are picked with `plain()`.
// Only the chosen language's catalogue is loaded, as its own file, when chosen.
import { addCatalogue, hasCatalogue, type Lang, type Plain } from '#common/i18n/words.ts';

export { catalogueKey, duration, reasonLabel, translate, type Lang, type MessageKey } from '#common/i18n/words.ts';

/** Loads `lang`'s catalogue (once). */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (hasCatalogue(lang)) return;
  addCatalogue(lang, lang === 'ko' ? (await import('#common/i18n/ko.ts')).ko : (await import('#common/i18n/en.ts')).en);
}

export function plain(lang: Lang, message: Plain | undefined): string {
  return message ? message[lang] : '';
}
