import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stateClockStart } from '../../../src-main/common/state/state-clock.ts';

test('the state timer starts when the state was entered, or when the last call ended if that came later', () => {
  const readyAt = 1_000_000;
  assert.equal(stateClockStart({ since: readyAt }, undefined), readyAt, 'no call yet');
  // Ready at 0:00, a call from 6:10 to 6:23: Ready counts from 6:23.
  assert.equal(stateClockStart({ since: readyAt }, readyAt + 383_000), readyAt + 383_000);
  // A state entered after the call (Not ready at 7:00) counts from its own start.
  assert.equal(stateClockStart({ since: readyAt + 420_000 }, readyAt + 383_000), readyAt + 420_000);
});
