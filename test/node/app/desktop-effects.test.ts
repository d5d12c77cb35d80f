// The session's desktop effects carried out as the settings say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carryOutEffect, uiLanguage } from '../../../src-main/node/app/notices/desktop-effects.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';

test('a notification in the chosen language (or the system one), and the toolbar forward when the settings say so', () => {
  const platform = new PreviewPlatform({ onScreenPop: () => undefined, language: 'ko' });
  const settings = defaultSettings();
  assert.equal(uiLanguage(settings, platform), 'ko', 'system language');
  const notify = { type: 'notify' as const, c1: 4, caller: '0212345678' };
  carryOutEffect(notify, settings, platform);
  settings.ui.language = 'en';
  settings.notifications.bringToFront = false;
  carryOutEffect(notify, settings, platform);
  assert.deepEqual(
    platform.effects.map((e) => (e.type === 'notify' ? `notify ${e.lang}` : e.type)),
    ['notify ko', 'bring-to-front', 'notify en'],
  );
});

test('a screen pop opens where the settings say', () => {
  const opened: string[] = [];
  const platform = new PreviewPlatform({ onScreenPop: (url) => opened.push(url), language: 'en' });
  const settings = defaultSettings();
  settings.screenPop.openIn = 'app';
  carryOutEffect({ type: 'screen-pop', c1: 4, url: 'https://crm.example.com/?ani=0212345678' }, settings, platform);
  assert.deepEqual(opened, ['https://crm.example.com/?ani=0212345678']);
  assert.deepEqual(
    platform.effects.map((e) => e.type === 'screen-pop' && [e.url, e.openIn]),
    [['https://crm.example.com/?ani=0212345678', 'app']],
  );
});
