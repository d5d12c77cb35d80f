// A lighter toolbar (issue 28, item 8): only the chosen language's words are loaded, as a file of
// their own, and the first paint already speaks that language (never a word of the other, never a
// key); switching language in settings loads the other then. Panels opened now and then
// (settings, history, today, help) come when first opened, and the desktop's start stays within its budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { builtRendererSize, startFiles } from '../../bench/renderer-size.ts';
import { en } from '../../src-main/common/i18n/en.ts';
import { ko } from '../../src-main/common/i18n/ko.ts';
import { simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

/** Every text the page showed (words, aria-labels, titles), as each change was made, from the first paint. */
async function recordPaints(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const painted: string[] = [];
    (window as unknown as { __painted: string[] }).__painted = painted;
    const take = () => {
      const body = document.body;
      if (!body) return;
      const labels = [...body.querySelectorAll('[aria-label],[title]')].map(
        (el) => `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''}`,
      );
      painted.push([body.innerText, ...labels].join('\n'));
    };
    new MutationObserver(take).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { __painted: string[] }).__painted);
}

/** The toolbar's own script files the page asked for, by name without the hash (`ko`, `SettingsPanel`…). */
function recordScripts(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request) => {
    const file = /\/assets\/([A-Za-z]+)-[\w-]+\.js$/.exec(new URL(request.url()).pathname)?.[1];
    if (file) asked.push(file);
  });
  return asked;
}

/** Words of `catalogue` that the other one does not have (the part before any placeholder, 5 letters or more). */
function ownWords(catalogue: Record<string, string>, other: Record<string, string>): string[] {
  const others = Object.values(other).join('\n');
  return [
    ...new Set(
      Object.values(catalogue)
        .map((text) => text.split(/\{\{|\$t\(/)[0]!.trim())
        .filter((text) => text.length >= 5 && !others.includes(text)),
    ),
  ];
}
const KEY = /\b(?:conn|agent|action|bar|panel|call|app|a11y)\.[a-zA-Z]/;
const HANGUL = /[\uAC00-\uD7A3]/;

for (const [lang, other, connected] of [
  ['en', 'ko', 'Connected'],
  ['ko', 'en', '연결됨'],
] as const) {
  test(`${lang}: the toolbar loads only ${lang}'s words and paints in ${lang} from the first frame`, async ({
    page,
  }) => {
    env.preview = await startPreview({ settings: env.settings({}, lang) });
    const scripts = recordScripts(page);
    const painted = await recordPaints(page);
    await page.goto(env.preview.url);
    await expect(page.getByTestId('connection-text')).toHaveText(connected);
    await expect(page.getByTestId('btn-logon')).toBeVisible();
    expect(scripts).toContain(lang);
    expect(scripts).not.toContain(other);
    const texts = (await painted()).filter((t) => t.trim() !== '' && t.trim() !== '…');
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text, 'a message key shown').not.toMatch(KEY);
      if (lang === 'en') expect(text, 'Korean in the English toolbar').not.toMatch(HANGUL);
      else for (const word of ownWords(en, ko)) expect(text, 'English in the Korean toolbar').not.toContain(word);
    }
  });
}

test('switching language in settings loads the other words then, and the bar speaks it at once', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings({}, 'en') });
  const scripts = recordScripts(page);
  const painted = await recordPaints(page);
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-text')).toHaveText('Connected');
  expect(scripts).not.toContain('ko');
  await page.getByTestId('toggle-settings').click();
  await page.getByTestId('set-language').selectOption('ko');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('connection-text')).toHaveText('연결됨');
  await expect(page.getByTestId('btn-logon')).toHaveText('로그온');
  expect(scripts).toContain('ko');
  for (const text of await painted()) expect(text, 'a message key shown').not.toMatch(KEY);
  // And back: English again, from the words already here.
  await page.getByTestId('set-language').selectOption('en');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('connection-text')).toHaveText('Connected');
});

test('panels opened now and then come when first opened, not at start', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings({}, 'en') });
  const scripts = recordScripts(page);
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-text')).toHaveText('Connected');
  for (const panel of ['SettingsPanel', 'HistoryPanel', 'TodayPanel', 'HelpPanel'])
    expect(scripts).not.toContain(panel);
  await page.getByTestId('toggle-settings').click();
  await expect(page.getByTestId('set-language')).toBeVisible();
  expect(scripts).toContain('SettingsPanel');
});

test('the desktop toolbar starts light: at most 55 KB gzipped in either language, without the schema library', () => {
  const dist = join(import.meta.dirname, '..', '..', 'dist', 'renderer');
  const size = builtRendererSize(dist);
  expect(size.renderer_start_en_gzip_kb).toBeLessThanOrEqual(55);
  expect(size.renderer_start_ko_gzip_kb).toBeLessThanOrEqual(55);
  // valibot's schemas carry their kind by name; the main process checks the commands, the page needs none at start.
  for (const lang of ['en', 'ko'] as const)
    for (const file of startFiles(dist, lang)) expect(readFileSync(file, 'utf8'), file).not.toContain('strict_object');
});
