// What the preview shows at its address without the token (the address copied without its query,
// or typed from memory): what to do, in both languages, instead of a toolbar that cannot connect.
import { translate, type Lang } from '../../common/i18n/index.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function tokenMissingPage(): string {
  const section = (lang: Lang) =>
    `<section lang="${lang}"><h1>${escapeHtml(translate(lang, 'preview.tokenMissingTitle'))}</h1><p>${escapeHtml(translate(lang, 'preview.tokenMissingBody'))}</p></section>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(translate('en', 'preview.tokenMissingTitle'))}</title></head><body><main>${section('en')}${section('ko')}</main></body></html>\n`;
}
