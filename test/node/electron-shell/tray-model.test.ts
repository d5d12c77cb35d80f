import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { trayIconName, trayLabels } from '../../../src-main/electron-main/tray-model.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { appState } from '../helpers/app-state.ts';

const resources = new URL('../../../resources/', import.meta.url).pathname;

function state(core: Partial<CoreState>, connected = true, language: 'ko' | 'en' | 'system' = 'en') {
  const settings = defaultSettings();
  settings.ui.language = language;
  return appState(core, { status: connected ? 'connected' : 'reconnecting', settings });
}

test('the tray shows the agent state by colour, a ringing call over it, a lost connection over all', () => {
  assert.equal(trayIconName(state({ agent: { state: 'ready', since: 0 } })), 'tray-ready.png');
  assert.equal(trayIconName(state({ agent: { state: 'notReady', since: 0 } })), 'tray-not-ready.png');
  assert.equal(trayIconName(state({ agent: { state: 'afterWork', since: 0 } })), 'tray-after-work.png');
  const ringing = { 4: { c1: 4, phase: 'ringing', placedByMe: false } } as unknown as CoreState['calls'];
  assert.equal(trayIconName(state({ agent: { state: 'ready', since: 0 }, calls: ringing })), 'tray-ringing.png');
  assert.equal(trayIconName(state({ agent: { state: 'ready', since: 0 } }, false)), 'tray-offline.png');
});

test('every icon the tray can show exists, in 1x and 2x', () => {
  for (const name of ['tray-ready.png', 'tray-not-ready.png', 'tray-after-work.png', 'tray-on-call.png', 'tray-ringing.png', 'tray-offline.png', 'icon.png']) {
    assert.ok(existsSync(resources + name), name);
    if (name !== 'icon.png') assert.ok(existsSync(resources + name.replace('.png', '@2x.png')), name);
  }
});

test('the tray menu speaks the chosen language, with the not-ready reasons', () => {
  const ko = trayLabels(state({ agent: { state: 'ready', since: 0 } }, true, 'ko'));
  assert.equal(ko.ready, '대기');
  assert.equal(ko.reasons[1]?.label, '식사');
  assert.match(ko.tooltip, /대기/);
  const system = trayLabels(state({}, true, 'system'), 'en');
  assert.equal(system.notReady, 'Not ready');
});
