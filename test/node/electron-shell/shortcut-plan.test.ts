import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortcutPlan } from '../../../src-main/electron-main/shortcut-plan.ts';
import { defaultSettings, validateSettings } from '../../../src-main/common/settings/schema.ts';

test('the default system-wide shortcuts, one per action', () => {
  assert.deepEqual(shortcutPlan(defaultSettings()), [
    { accelerator: 'CommandOrControl+Alt+A', action: 'answer' },
    { accelerator: 'CommandOrControl+Alt+H', action: 'hangup' },
    { accelerator: 'CommandOrControl+Alt+O', action: 'holdToggle' },
    { accelerator: 'CommandOrControl+Alt+R', action: 'readyToggle' },
    { accelerator: 'CommandOrControl+Alt+T', action: 'show' },
  ]);
});

test('switched off, emptied, or the same key twice: not registered (twice: once)', () => {
  const s = defaultSettings();
  s.desktop.shortcuts.enabled = false;
  assert.deepEqual(shortcutPlan(s), []);
  const t = defaultSettings();
  t.desktop.shortcuts.hangup = '';
  t.desktop.shortcuts.show = t.desktop.shortcuts.answer;
  assert.deepEqual(
    shortcutPlan(t).map((p) => p.action),
    ['answer', 'holdToggle', 'readyToggle'],
  );
});

test('accelerators are checked when settings are saved', () => {
  const ok = defaultSettings();
  ok.desktop.shortcuts.answer = 'Ctrl+Shift+F9';
  assert.ok(validateSettings(ok).ok);
  for (const bad of ['A', 'Ctrl+', 'Ctrl+Alt+Hello', 'Hyper+A']) {
    const s = defaultSettings();
    s.desktop.shortcuts.answer = bad;
    const r = validateSettings(s);
    assert.equal(r.ok, false, bad);
    if (!r.ok)
      assert.deepEqual(
        r.errors.map((e) => `${e.field}:${e.rule}`),
        ['desktop.shortcuts.answer:accelerator'],
      );
  }
});
