// A settings change that points the app at another host must not hand it the stored password:
// the app core end to end, the renderer's saveSettings command, a real second server listening.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulator } from '../simulator/fixtures.ts';
import { scriptedServer, answerAll } from '../helpers/scripted-server.ts';
import { rig, until } from './app-rig.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';

test('saveSettings with another host: that host never sees the password; the toolbar asks for it again', async () => {
  const sim = await simulator();
  const seen: Record<string, unknown>[] = [];
  const other = await scriptedServer((frame, ws) => {
    seen.push(frame);
    answerAll(frame, ws);
  });
  const server = (endpoints: string[]) => ({ ...defaultSettings().server, endpoints });
  const { app } = rig({ server: server(sim.endpoints) });
  try {
    await app.start();
    await until(app, 'connected', (s) => s.core.connection.status === 'connected');
    const result = await app.handle('saveSettings', {
      settings: { ...app.getState().settings.settings, server: server([other.url]) },
    });
    assert.ok(result.ok && result.passwordCleared);
    const s = await until(app, 'the notice', (st) => st.notice !== undefined);
    assert.match(s.notice!.message.en, /Enter the password for the new server/);
    assert.equal(s.settings.hasPassword, false);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(seen.length, 0, 'no login, no password, nothing at all sent to the new host');
    assert.notEqual(app.getState().core.connection.status, 'connected');

    await app.handle('setPassword', { password: 'cube123' });
    await until(app, 'connected to the new host', (st) => st.core.connection.status === 'connected');
    assert.equal(seen.find((f) => f.fname === 'login')?.pwd, 'cube123', 'only the password entered for it');
  } finally {
    await app.stop();
    await other.stop();
    await sim.stop();
  }
});

test('a wrong password: the bar says so and the app stops trying; the right one connects at once', async () => {
  const sim = await simulator();
  const { app } = rig({ server: { ...defaultSettings().server, endpoints: sim.endpoints } }, 'wrong');
  try {
    await app.start();
    const s = await until(app, 'refused', (st) => st.core.connection.status === 'refused');
    assert.equal(s.core.lastError?.code, -4007);
    await app.handle('setPassword', { password: 'cube123' });
    await until(app, 'connected', (st) => st.core.connection.status === 'connected');
  } finally {
    await app.stop();
    await sim.stop();
  }
});
