// Where the call came from (issue 27 item 5): the number the caller dialled (`call.origin`) and the
// queue (`queue.dn`), by the names the site gave them (settings or policy `names`), in the OS
// notification and the call history. The real core against the simulator over a real socket.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, validateSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import { checkPolicy, POLICY_VERSION } from '../../../src-main/node/settings/managed-policy.ts';
import { ringNotification } from '../../../src-main/common/state/ring-notification.ts';
import type { PreviewEffect } from '../../../src-main/node/preview/preview-platform.ts';
import { appOnSimulator, until } from './app-rig.ts';
import { waitFor } from '../helpers/raw-client.ts';

const NAMES: Settings['names'] = [
  { number: '7001', name: 'Sales hotline' },
  { number: '401', name: 'Sales queue' },
];
type Notify = Extract<PreviewEffect, { type: 'notify' }>;

describe('where the call came from, against the simulator', () => {
  const env = appOnSimulator();

  test('the notification names the number dialled and the queue; the history keeps both numbers', async () => {
    const app = await env.start();
    const saved = await app.handle('saveSettings', { settings: { ...app.getState().settings.settings, names: NAMES } });
    assert.equal(saved.ok, true, JSON.stringify(saved));
    await app.handle('logon', {});
    await app.handle('ready', {});
    await until(app, 'ready', (s) => s.core.agent.state === 'ready');
    const { c1 } = env.sim.inbound({ from: '01012345678', to: '401', origin: '7001' });
    const ringing = await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
    assert.equal(ringing.core.calls[c1]!.origin, '7001');
    assert.equal(ringing.core.calls[c1]!.queue, '401');
    const platform = env.current!.platform;
    const notify = await waitFor(() => platform.effects.find((e): e is Notify => e.type === 'notify'), 5000, 'notify');
    assert.equal(notify.originName, 'Sales hotline');
    assert.equal(notify.queueName, 'Sales queue');
    assert.deepEqual(ringNotification(notify, 'en'), {
      title: 'Incoming call: 01012345678',
      body: 'Sales hotline · Sales queue',
    });
    assert.deepEqual(ringNotification(notify, 'ko'), {
      title: '전화 수신: 01012345678',
      body: 'Sales hotline · Sales queue',
    });
    await app.handle('answer', { c1 });
    await until(app, 'talking', (s) => s.core.calls[c1]?.phase === 'connected');
    await app.handle('hangup', { c1 });
    const after = await until(app, 'in the history', (s) => s.history.recent.some((r) => r.number === '01012345678'));
    const record = after.history.recent.find((r) => r.number === '01012345678')!;
    assert.equal(record.origin, '7001');
    assert.equal(record.queue, '401');
  });

  test('a number with no name is shown as the number, said to be one', async () => {
    const app = await env.start();
    await app.handle('logon', {});
    await app.handle('ready', {});
    await until(app, 'ready', (s) => s.core.agent.state === 'ready');
    const { c1 } = env.sim.inbound({ from: '01087654321', to: '401', origin: '7002' });
    await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
    const platform = env.current!.platform;
    const notify = await waitFor(() => platform.effects.find((e): e is Notify => e.type === 'notify'), 5000, 'notify');
    assert.equal(notify.originName, undefined);
    assert.deepEqual(ringNotification(notify, 'en').body, 'To 7002 · Queue 401');
    assert.deepEqual(ringNotification(notify, 'ko').body, '착신번호 7002 · 큐 401');
    await app.handle('answer', { c1 });
    await until(app, 'talking', (s) => s.core.calls[c1]?.phase === 'connected');
    await app.handle('hangup', { c1 });
  });
});

test('the names table: bounded (200 entries, names of 60 characters, numbers as the switch writes them), also from a policy', () => {
  const base = defaultSettings();
  assert.equal(validateSettings({ ...base, names: NAMES }).ok, true);
  const without = { ...base } as Partial<Settings>;
  delete without.names;
  const older = validateSettings(without);
  assert.ok(older.ok && older.value.names.length === 0, 'a file without names reads as none');
  const many = Array.from({ length: 201 }, (_, i) => ({ number: String(7000 + i), name: `Line ${i}` }));
  const fields = (s: unknown) => {
    const r = validateSettings(s);
    return r.ok ? [] : r.errors.map((e) => `${e.field} ${e.rule}`);
  };
  assert.deepEqual(fields({ ...base, names: many }), ['names length']);
  assert.deepEqual(fields({ ...base, names: [{ number: '7001', name: 'x'.repeat(61) }] }), ['names.0.name length']);
  assert.deepEqual(fields({ ...base, names: [{ number: '70 01', name: 'Sales' }] }), ['names.0.number device']);
  const policy = checkPolicy({ version: POLICY_VERSION, defaults: { names: NAMES }, locked: ['names'] });
  assert.equal(policy.kind, 'ok');
  assert.deepEqual(policy.kind === 'ok' && policy.policy.base.names, NAMES);
});
