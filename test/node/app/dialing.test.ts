// Dialling on its own: typed, redialled and clicked numbers, with the settings' prefix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dialing } from '../../../src-main/node/app/calls/dialing.ts';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import type { CommandOutcome } from '../../../src-main/common/state/types.ts';
import type { Plain } from '../../../src-main/common/protocol/catalogue.ts';

function rig(patch: Partial<Settings['dialing']> = {}, outcome: CommandOutcome = { ok: true, result: 1 }) {
  const settings = { ...defaultSettings(), dialing: { ...defaultSettings().dialing, ...patch } };
  const record = { dialled: [] as string[], told: [] as Plain[], logs: [] as string[], fronts: 0, changes: 0 };
  const dialing = new Dialing({
    settings: () => settings,
    dial: async (called) => {
      record.dialled.push(called);
      return outcome;
    },
    bringToFront: () => record.fronts++,
    tell: (message) => record.told.push(message),
    log: (message) => record.logs.push(message),
    changed: () => record.changes++,
  });
  return { dialing, record };
}

test('a typed number is normalised (separators, +82) with the outside-line prefix for external numbers, and kept for redial', async () => {
  const { dialing, record } = rig({ trunkPrefix: '9' });
  assert.deepEqual(await dialing.dial('+82 2-1234-5678'), { ok: true, result: 1 });
  assert.deepEqual(await dialing.dial('1002'), { ok: true, result: 1 });
  assert.deepEqual(
    record.dialled,
    ['90212345678', '1002'],
    'the external number gets the prefix, the extension does not',
  );
  assert.equal(dialing.lastDialed, '1002');
  await dialing.redial();
  assert.deepEqual(record.dialled.at(-1), '1002');
});

test('a number that is not one is refused in both languages and never reaches the switch; redial with nothing dialled is refused', async () => {
  const { dialing, record } = rig();
  const bad = await dialing.dial('12ab');
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && bad.message.en.includes('digits') && bad.message.ko.length > 0);
  const none = await dialing.redial();
  assert.ok(!none.ok && /redial/.test(none.message.en));
  assert.deepEqual(record.dialled, []);
});

test('a clicked link is offered first by default, dialled on OK, dropped on cancel; the toolbar comes forward', async () => {
  const { dialing, record } = rig();
  await dialing.clicked('tel:+82-2-555-0100');
  assert.deepEqual(dialing.pending, { number: '025550100' });
  assert.deepEqual(record.dialled, []);
  assert.equal(record.fronts, 1);
  await dialing.confirm();
  assert.deepEqual(record.dialled, ['025550100']);
  assert.equal(dialing.pending, undefined);
  await dialing.clicked('callto:1003');
  dialing.cancel();
  assert.equal(dialing.pending, undefined);
  const nothing = await dialing.confirm();
  assert.ok(!nothing.ok && /waiting/.test(nothing.message.en));
  assert.deepEqual(record.dialled, ['025550100']);
});

test('with confirmation off a clicked link is dialled at once; a refusal by the switch is told', async () => {
  const refused: CommandOutcome = {
    ok: false,
    kind: 'not-connected',
    message: { ko: '연결 안 됨', en: 'Not connected' },
  };
  const { dialing, record } = rig({ confirmClickToDial: false }, refused);
  await dialing.clicked('tel:1004');
  assert.deepEqual(record.dialled, ['1004']);
  assert.deepEqual(record.told, [refused.message]);
});

test('a link with no number, or a number that is not one, is told and logged, never dialled', async () => {
  const { dialing, record } = rig({ confirmClickToDial: false });
  await dialing.clicked('tel:');
  await dialing.clicked('tel:abc\nERROR fake');
  assert.deepEqual(record.dialled, []);
  assert.equal(record.told.length, 2);
  assert.equal(record.logs.length, 2);
  assert.ok(record.logs.every((l) => l.startsWith('click-to-dial: refused')));
});

test('a link with * or # (a PBX feature code such as *21*…# call forwarding) is refused by default: told, logged, never dialled', async () => {
  const { dialing, record } = rig({ confirmClickToDial: false });
  await dialing.clicked('tel:*21*1234%23');
  await dialing.clicked('callto:%2331%230101234567');
  assert.deepEqual(record.dialled, []);
  assert.equal(dialing.pending, undefined, 'not even offered');
  assert.equal(record.told.length, 2);
  assert.match(record.told[0]!.en, /\*21\*1234#.*not dialled from links/);
  assert.match(record.told[0]!.ko, /\*21\*1234#/);
  assert.deepEqual(record.logs, [
    'click-to-dial: refused *21*1234#: * and # from links are off in the settings',
    'click-to-dial: refused #31#0101234567: * and # from links are off in the settings',
  ]);
  assert.deepEqual(await dialing.dial('*21*1234#'), { ok: true, result: 1 }, 'typed by the agent: dialled');
});

test('with * and # from links allowed, such a link always waits for the OK, even with confirmation off', async () => {
  const { dialing, record } = rig({ confirmClickToDial: false, linkFeatureCodes: true });
  await dialing.clicked('tel:*21*1234%23');
  assert.deepEqual(dialing.pending, { number: '*21*1234#', featureCode: true });
  assert.deepEqual(record.dialled, []);
  await dialing.confirm();
  assert.deepEqual(record.dialled, ['*21*1234#']);
  await dialing.clicked('tel:1004');
  assert.deepEqual(record.dialled, ['*21*1234#', '1004'], 'a plain number still goes at once');
});
