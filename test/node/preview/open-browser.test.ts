// The preview's `open` step (issue 25, item 12): the program each system opens an address with,
// the address as one argument (it holds `&`: never through a shell), and never in CI or when
// turned off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCommand, shouldOpen } from '../../../src-main/node/preview/open-browser.ts';

const URL = 'http://127.0.0.1:41234/?bridge=ws%3A%2F%2F127.0.0.1%3A41234%2Fbridge&token=abc';

test('the command that would run on Linux, macOS and Windows', () => {
  assert.deepEqual(openCommand(URL, 'linux'), { command: 'xdg-open', args: [URL] });
  assert.deepEqual(openCommand(URL, 'freebsd'), { command: 'xdg-open', args: [URL] });
  assert.deepEqual(openCommand(URL, 'darwin'), { command: 'open', args: [URL] });
  assert.deepEqual(openCommand(URL, 'win32'), { command: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', URL] });
});

test('never in CI, with --no-open or with CTI_NO_OPEN=1; otherwise yes', () => {
  assert.equal(shouldOpen([], {}), true);
  assert.equal(shouldOpen([], { CI: 'true' }), false);
  assert.equal(shouldOpen([], { CI: '1' }), false);
  assert.equal(shouldOpen([], { CI: 'false' }), true);
  assert.equal(shouldOpen(['--no-open'], {}), false);
  assert.equal(shouldOpen([], { CTI_NO_OPEN: '1' }), false);
  assert.equal(shouldOpen([], { CTI_NO_OPEN: '0' }), true);
});
