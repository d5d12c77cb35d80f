// Away when the desk is left (issue 27 item 6), through the built shell on the stand-in: the lock
// events where Electron has them (lock-screen / unlock-screen: macOS and Windows), the idle state's
// `locked` polled on Linux (no lock event there), the idle seconds everywhere; powerMonitor only after ready.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandChannel } from '../../../src-main/common/ipc/contract.ts';
import type { Settings } from '../../../src-main/common/settings/schema.ts';
import type { Shell } from '../../electron-standin/harness.ts';
import { connectedShell, pushed } from './connected-shell.ts';

const AWAY = 7;
const away = (agent: Partial<Settings['agent']>) => (s: Settings) => {
  s.agent = { ...s.agent, awayReason: AWAY, ...agent };
};

async function ready(shell: Shell, toolbar: number): Promise<void> {
  await shell.op('invoke', toolbar, commandChannel('ready'), {});
  await shell.until('ready', (x) => pushed(x)?.core.agent.state === 'ready');
}

for (const platform of ['win32', 'darwin'] as const) {
  test(`${platform}: the screen locks → Not ready with the Away code; unlocked → Ready offered, the agent still Not ready`, async (t) => {
    const { shell, toolbar } = await connectedShell(t, platform, away({ awayOnLock: true }), true);
    await ready(shell, toolbar);
    assert.equal((await shell.snapshot()).powerListeners['lock-screen'], 1, 'lock-screen listened to');
    await shell.op('desk', { locked: true });
    const state = await shell.until('away', (x) => pushed(x)?.away && pushed(x));
    assert.deepEqual(
      [state.core.agent.state, state.core.agent.reason, state.away?.cause],
      ['notReady', AWAY, 'locked'],
    );
    await shell.op('desk', { locked: false });
    const back = await shell.until('Ready offered', (x) => pushed(x)?.away?.back && pushed(x));
    assert.equal(back.core.agent.state, 'notReady');
    assert.deepEqual(await shell.refusals(), []);
  });
}

test('linux: no lock-screen listener (Electron has none there); a lock the idle state reports still means Away', async (t) => {
  const { shell, toolbar } = await connectedShell(t, 'linux', away({ awayOnLock: true }), true);
  await ready(shell, toolbar);
  assert.equal((await shell.snapshot()).powerListeners['lock-screen'], undefined);
  await shell.op('desk', { locked: true });
  const state = await shell.until('away (polled)', (x) => pushed(x)?.away && pushed(x), 12_000);
  assert.deepEqual([state.core.agent.state, state.core.agent.reason, state.away?.cause], ['notReady', AWAY, 'locked']);
  await shell.op('desk', { locked: false });
  await shell.until('Ready offered', (x) => pushed(x)?.away?.back, 12_000);
  const journal = await shell.journal();
  assert.ok(journal.some((e) => e.api === 'powerMonitor.getSystemIdleState'));
  assert.deepEqual(await shell.refusals(), []);
});

test('idle for the set minutes (read with getSystemIdleTime after ready) → Away (idle)', async (t) => {
  const { shell, toolbar } = await connectedShell(t, 'win32', away({ awayIdleMinutes: 1 }), true);
  await ready(shell, toolbar);
  await shell.op('desk', { idleSeconds: 61 });
  const state = await shell.until('away (idle)', (x) => pushed(x)?.away && pushed(x), 12_000);
  assert.deepEqual([state.core.agent.state, state.away?.cause], ['notReady', 'idle']);
  const journal = await shell.journal();
  assert.ok(journal.some((e) => e.api === 'powerMonitor.getSystemIdleTime'));
  assert.deepEqual(await shell.refusals(), []);
});
