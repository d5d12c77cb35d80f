// Issue 29, through the built shell on the stand-in: what real Electron 45 does on Windows, macOS
// and Linux that a lenient stand-in would let pass (permission requests, <webview>, the end of a
// Windows session, HTTP authentication in a CRM window, a user-data folder that cannot be written,
// debugging switches in an installed app) and the paths no test went down before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectedShell, crmPop, ring } from './connected-shell.ts';

test('a CRM page (and the toolbar) gets no camera, microphone, notifications, clipboard or location, and no <webview>', async (t) => {
  const { shell, sim, toolbar } = await connectedShell(t, 'win32', crmPop);
  ring(sim, '01077778888');
  const pop = await shell.until(
    'the screen pop window',
    (x) => x.windows.find((w) => w.id !== toolbar && w.url.startsWith('https://crm.example.com/'))?.id,
  );
  for (const win of [pop, toolbar]) {
    const asks: [string, Record<string, unknown>?][] = [
      ['media', { mediaTypes: ['video', 'audio'] }],
      ['notifications'],
      ['clipboard-read'],
      ['geolocation'],
    ];
    for (const [permission, details] of asks) {
      assert.equal(await shell.op('pagePermission', win, permission, details), false, `${permission} in window ${win}`);
    }
    assert.equal(await shell.op('attachWebview', win, 'https://evil.example.com/'), false, `no <webview> in ${win}`);
  }
});
