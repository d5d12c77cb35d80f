// The toolbar's words come from the app's one catalogue (src-main/common/i18n). Server and
// protocol messages come as {ko, en} pairs from the main process and are picked with `plain()`.
import type { Plain } from '../src-main/common/protocol/catalogue.ts';
import type { Lang } from '../src-main/common/i18n/index.ts';

export { duration, translate, type Lang, type MessageKey } from '../src-main/common/i18n/index.ts';

export function plain(lang: Lang, message: Plain | undefined): string {
  return message ? message[lang] : '';
}
