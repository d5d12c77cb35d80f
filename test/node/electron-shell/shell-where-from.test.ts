// The built shell on the stand-in against the real simulator: the OS notification of a ringing call
// names the number the caller dialled by the site's names table, in the agent's language (issue 27
// item 5); a number with no name is said to be one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectedShell } from './connected-shell.ts';

test('the notification names the number dialled (Korean), or says the number when it has no name', async (t) => {
  const { shell, sim } = await connectedShell(t, 'linux', (s) => {
    s.names = [{ number: '7001', name: 'Sales <i>hotline</i>' }];
    s.ui.language = 'ko';
  });
  const first = sim.inbound({ from: '01055512345', to: '1001', origin: '7001' });
  const s = await shell.until('a notification', (x) => x.shownNotifications.length === 1 && x);
  assert.equal(s.shownNotifications[0]!.title, '전화 수신: 01055512345');
  assert.equal(s.shownNotifications[0]!.body, 'Sales <i>hotline</i>', 'the name as typed, as text');
  sim.hangup(first.c1);
  await shell.until('the first toast closed', (x) => x.shownNotifications[0]!.closedByApp);
  sim.inbound({ from: '01055567890', to: '1001', origin: '7002' });
  const again = await shell.until('the second toast', (x) => x.shownNotifications.length === 2 && x);
  assert.equal(again.shownNotifications[1]!.body, '착신번호 7002');
});
