// The banner's notices and errors, dismissed by the agent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Notices } from '../../../src-main/node/app/notices/notices.ts';

test('a notice shows until dismissed; one told after the dismissal shows again; so does a later session error', () => {
  let now = 1000;
  const notices = new Notices(() => now);
  const message = { ko: '알림', en: 'Notice' };
  const error = (at: number) => ({ source: 'server' as const, code: -4005, message: { ko: '오류', en: 'Error' }, at });
  assert.equal(notices.visible, undefined);
  notices.tell(message);
  assert.deepEqual(notices.visible, { message, at: 1000 });
  assert.deepEqual(notices.visibleError(error(900)), error(900));
  now = 2000;
  notices.dismiss();
  assert.equal(notices.visible, undefined);
  assert.equal(notices.visibleError(error(900)), undefined, 'an error from before the dismissal is hidden');
  assert.deepEqual(notices.visibleError(error(2500)), error(2500), 'a newer one shows');
  now = 3000;
  notices.tell(message);
  assert.deepEqual(notices.visible, { message, at: 3000 });
});

test('a notice told in the same millisecond as the dismissal of the one before still shows', () => {
  const notices = new Notices(() => 5000);
  const first = { ko: '첫째', en: 'First' };
  const second = { ko: '둘째', en: 'Second' };
  notices.tell(first);
  notices.dismiss();
  assert.equal(notices.visible, undefined);
  notices.tell(second);
  assert.deepEqual(notices.visible, { message: second, at: 5000 });
});
