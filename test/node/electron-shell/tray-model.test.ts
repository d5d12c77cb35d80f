import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { trayIconName, trayLabels, trayMenu } from '../../../src-main/electron-main/tray-model.ts';
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
  for (const name of [
    'tray-ready.png',
    'tray-not-ready.png',
    'tray-after-work.png',
    'tray-on-call.png',
    'tray-ringing.png',
    'tray-offline.png',
    'icon.png',
  ]) {
    assert.ok(existsSync(resources + name), name);
    if (name !== 'icon.png') assert.ok(existsSync(resources + name.replace('.png', '@2x.png')), name);
  }
});

test('the tray menu speaks the chosen language, with the not-ready reasons', () => {
  const ko = trayLabels(state({ agent: { state: 'ready', since: 0 } }, true, 'ko'));
  assert.equal(ko.ready, '통화 가능');
  assert.equal(ko.reasons[1]?.label, '식사');
  assert.match(ko.tooltip, /통화 가능/);
  const system = trayLabels(state({}, true, 'system'), 'en');
  assert.equal(system.notReady, 'Not ready');
});

test('with the link down the agent state reads Unknown, never Logged off (both languages)', () => {
  for (const [language, unknown, loggedOff] of [
    ['en', 'Unknown', 'Logged off'],
    ['ko', '알 수 없음', '로그오프'],
  ] as const) {
    const down = trayLabels(state({ agent: { state: 'loggedOff', since: 0 } }, false, language));
    assert.match(down.tooltip, new RegExp(unknown));
    assert.doesNotMatch(down.tooltip, new RegExp(loggedOff));
    const up = trayLabels(state({ agent: { state: 'loggedOff', since: 0 } }, true, language));
    assert.match(up.tooltip, new RegExp(loggedOff), 'connected: the switch said so');
  }
});

test('the tray menu is the same data while only the latency or the queue figures tick, and changes with the agent state', () => {
  const base = state({ agent: { state: 'ready', since: 0 } });
  const ticked = {
    ...base,
    core: {
      ...base.core,
      connection: { ...base.core.connection, latencyMs: 37 },
      queues: { 401: { dn: '401', waiting: 3, longestWait: 20, updatedAt: 5 } },
    },
  };
  assert.deepEqual(trayMenu(ticked), trayMenu(base));
  const notReady = trayMenu(state({ agent: { state: 'notReady', since: 0, reason: 2 } }));
  assert.notDeepEqual(notReady, trayMenu(base));
  const enabled = (menu: typeof notReady) => menu.items.slice(0, 4).map((i) => i !== 'separator' && i.enabled);
  assert.deepEqual(enabled(notReady), [true, true, true, true], 'ready, not ready, after work, log off');
  const reasons = notReady.items[1] !== 'separator' ? notReady.items[1]!.submenu : undefined;
  assert.deepEqual(
    reasons?.map((i) => i.action),
    [1, 2, 3, 4, 5].map((reason) => ({ command: 'notReady', reason })),
  );
  const offline = trayMenu(state({ agent: { state: 'loggedOff', since: 0 } }, false));
  assert.equal(offline.icon, 'tray-offline.png');
  assert.deepEqual(enabled(offline), [false, false, false, false]);
});

test('After work and Log off in the tray: one item sending the samples\' "0", or where the site set codes a submenu of them', () => {
  const items = (menu: ReturnType<typeof trayMenu>) => menu.items.filter((i) => i !== 'separator');
  const plain = items(trayMenu(state({ agent: { state: 'ready', since: 0 } })));
  assert.deepEqual(plain[2]!.action, { command: 'afterWork', reason: 0 });
  assert.deepEqual(plain[3]!.action, { command: 'logoff', reason: 0 });
  const settings = defaultSettings();
  settings.agent.afterWorkReasons = [{ code: 3, label: 'Callback' }];
  settings.agent.logoffReasons = [{ code: 2, label: '' }];
  const coded = items(trayMenu(appState({ agent: { state: 'ready', since: 0 } }, { status: 'connected', settings })));
  assert.equal(coded[2]!.action, undefined);
  assert.deepEqual(
    coded[2]!.submenu?.map((i) => [i.label, i.action]),
    [['Callback', { command: 'afterWork', reason: 3 }]],
  );
  assert.deepEqual(
    coded[3]!.submenu?.map((i) => [i.label, i.action]),
    [['Code 2', { command: 'logoff', reason: 2 }]],
  );
});
