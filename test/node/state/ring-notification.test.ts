// The OS notification for a ringing call: its title (who calls, else "unknown") and its body (the
// dialled number and the queue by name or number, the user data), in English and Korean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ringNotification } from '../../../src-main/common/state/ring-notification.ts';

type Notify = Parameters<typeof ringNotification>[0];
const notify = (fields: Omit<Notify, 'type' | 'c1'>): Notify => ({ type: 'notify', c1: 7, ...fields });

test('English: caller in the title; dialled number, queue and user data in the body, in that order', () => {
  assert.deepEqual(
    ringNotification(notify({ caller: '01012345678', origin: '7001', queue: '401', uui: 'VIP' }), 'en'),
    {
      title: 'Incoming call: 01012345678',
      body: 'To 7001 · Queue 401 · VIP',
    },
  );
});

test('Korean: the same call in Korean words', () => {
  assert.deepEqual(
    ringNotification(notify({ caller: '01012345678', origin: '7001', queue: '401', uui: 'VIP' }), 'ko'),
    {
      title: '전화 수신: 01012345678',
      body: '착신번호 7001 · 큐 401 · VIP',
    },
  );
});

test('named numbers are said by their names, each only for its own number', () => {
  const effect = notify({
    caller: '200',
    origin: '7001',
    originName: '영업 대표번호',
    queue: '401',
    queueName: '영업 큐',
  });
  assert.equal(ringNotification(effect, 'ko').body, '영업 대표번호 · 영업 큐');
  assert.equal(
    ringNotification(notify({ origin: '7001', originName: 'Hotline', queue: '401' }), 'en').body,
    'Hotline · Queue 401',
  );
  assert.equal(
    ringNotification(notify({ origin: '7001', queue: '401', queueName: 'Sales' }), 'en').body,
    'To 7001 · Sales',
  );
});

test('an empty name is no name: the number is shown', () => {
  const effect = notify({ origin: '7001', originName: '', queue: '401', queueName: '' });
  assert.equal(ringNotification(effect, 'en').body, 'To 7001 · Queue 401');
});

test('a caller the switch did not name is "unknown" / "알 수 없음", and an empty call has an empty body', () => {
  assert.deepEqual(ringNotification(notify({}), 'en'), { title: 'Incoming call: unknown', body: '' });
  assert.deepEqual(ringNotification(notify({}), 'ko'), { title: '전화 수신: 알 수 없음', body: '' });
});

test('only what the call has is said, with no stray separators', () => {
  assert.equal(ringNotification(notify({ origin: '7001' }), 'en').body, 'To 7001');
  assert.equal(ringNotification(notify({ queue: '401' }), 'en').body, 'Queue 401');
  assert.equal(ringNotification(notify({ uui: 'order 42' }), 'en').body, 'order 42');
  assert.equal(ringNotification(notify({ queue: '401', uui: 'order 42' }), 'en').body, 'Queue 401 · order 42');
});
