// What the toolbar says about its link, through the real app core against the real simulator
// (issue 25, item 7): a first connection and a new extension are no gap; a server that worked and
// stops is an outage to wait out ("Reconnecting — nothing to do"), and its return is the one gap
// the agent is told about; "Check the server address" is only for an address that never worked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import { connectionProblem } from '../../../src-main/common/state/connection-problem.ts';
import { translate } from '../../../src-main/common/i18n/index.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import { simulator } from '../simulator/fixtures.ts';
import { rig, until } from './app-rig.ts';

const words = (state: AppState) => {
  const p = connectionProblem(state);
  return (
    p &&
    [p.messageKey, p.action?.labelKey]
      .filter(Boolean)
      .map((k) => translate('en', k!))
      .join(' · ')
  );
};
const noticeOf = (state: AppState) => state.notice?.message.en ?? '';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('first connection and a new extension: no gap notice; a lost server: "Reconnecting — nothing to do", then the gap once', async () => {
  let sim = await simulator();
  const port = Number(new URL(sim.endpoints[0]!).port);
  const settings = { ...defaultSettings(), server: { ...defaultSettings().server, endpoints: [sim.endpoints[0]!] } };
  const { app } = rig(settings);
  try {
    await app.start();
    await until(app, 'connected', (s) => s.core.connection.status === 'connected');
    await app.handle('logon', {});
    await pause(400);
    assert.doesNotMatch(noticeOf(app.getState()), /Reconnected/, 'a first connection is no gap');

    const next = structuredClone(app.getState().settings.settings);
    next.agent.device = '1002';
    next.agent.agentId = '1002';
    assert.equal((await app.handle('saveSettings', { settings: next })).ok, true);
    await until(
      app,
      'the new extension connected',
      (s) => s.core.connection.status === 'connected' && s.core.identity.device === '1002',
    );
    await pause(400);
    assert.doesNotMatch(noticeOf(app.getState()), /Reconnected/, 'a new extension is no gap');

    await sim.stop();
    const lost = await until(app, 'a failed try after the loss', (s) => s.core.connection.problem !== undefined);
    assert.equal(words(lost), 'Reconnecting — nothing to do');
    assert.equal(connectionProblem(lost)!.action, undefined, 'nothing to do: no button');

    sim = await simulator({ port });
    await until(app, 'back', (s) => s.core.connection.status === 'connected');
    const back = await until(app, 'the gap notice', (s) => /^Reconnected after \d+ s/.test(noticeOf(s)));
    assert.equal(words(back), null);
  } finally {
    await app.stop();
    await sim.stop();
  }
});

test('an address that never worked: "Cannot reach the server · Check the server address"', async () => {
  // A port that was just free: nothing listens there.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  const settings = {
    ...defaultSettings(),
    server: { ...defaultSettings().server, endpoints: [`ws://127.0.0.1:${port}`] },
  };
  const { app } = rig(settings);
  try {
    await app.start();
    const failed = await until(app, 'a failed try', (s) => s.core.connection.problem !== undefined);
    assert.equal(words(failed), 'Cannot reach the server · Check the server address');
  } finally {
    await app.stop();
  }
});
