// Korean words that must not be mistaken for each other (issue 25, item 12): "회의" is the Meeting
// reason; the conference buttons and the conference call type say "3자 통화".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translate } from '../../../src-main/common/i18n/index.ts';

test('ko: the conference buttons say 3자 통화, the Meeting reason keeps 회의', () => {
  assert.equal(translate('ko', 'reason.3'), '회의');
  for (const key of ['action.conference', 'action.consultConference', 'ctype.6'] as const) {
    const words = translate('ko', key);
    assert.match(words, /3자 통화/, key);
    assert.doesNotMatch(words, /회의/, key);
  }
});
