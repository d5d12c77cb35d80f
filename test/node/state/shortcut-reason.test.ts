// The Not ready reason the Ready / Not ready shortcut records when it cannot ask the agent: the
// first of the agent's reasons, else 1 (Break).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortcutNotReadyReason } from '../../../src-main/common/state/shortcut-reason.ts';

test("the shortcut takes the first of the agent's reasons", () => {
  const reasons = [
    { code: 3, label: 'Lunch' },
    { code: 5, label: 'Meeting' },
  ];
  assert.equal(shortcutNotReadyReason(reasons), 3);
});

test('with no reasons listed, the shortcut records reason 1 (Break)', () => {
  assert.equal(shortcutNotReadyReason([]), 1);
});
