// Where the toolbar runs on Linux (X11, XWayland, native Wayland) and how a desktop entry's Exec
// line is written: plain decisions, checked without the stand-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseDisplayServer } from '../../../src-main/electron-main/display-server.ts';
import { desktopEntryText, execArgument } from '../../../src-main/electron-main/linux-desktop.ts';

test('a Wayland session: XWayland when there is one, else native with the shortcuts portal; a --ozone-platform given at start wins', () => {
  const wayland = { WAYLAND_DISPLAY: 'wayland-0', XDG_SESSION_TYPE: 'wayland' };
  assert.deepEqual(chooseDisplayServer('win32', wayland, undefined), { server: 'x11', switches: [] });
  assert.deepEqual(chooseDisplayServer('linux', { DISPLAY: ':0' }, undefined), { server: 'x11', switches: [] });
  assert.deepEqual(chooseDisplayServer('linux', { ...wayland, DISPLAY: ':0' }, undefined), {
    server: 'xwayland',
    switches: [['ozone-platform', 'x11']],
  });
  assert.deepEqual(chooseDisplayServer('linux', wayland, undefined), {
    server: 'wayland',
    switches: [['enable-features', 'GlobalShortcutsPortal']],
  });
  assert.deepEqual(chooseDisplayServer('linux', { ...wayland, DISPLAY: ':0' }, 'wayland'), {
    server: 'wayland',
    switches: [['enable-features', 'GlobalShortcutsPortal']],
  });
  assert.deepEqual(chooseDisplayServer('linux', { ...wayland, DISPLAY: ':0' }, 'x11'), {
    server: 'xwayland',
    switches: [],
  });
});

test('an Exec argument is quoted as the Desktop Entry spec asks when it holds a space or a reserved character', () => {
  assert.equal(execArgument('/opt/app/nexus-toolbar'), '/opt/app/nexus-toolbar');
  assert.equal(execArgument('/home/a b/App.AppImage'), '"/home/a b/App.AppImage"');
  assert.equal(execArgument('/opt/100%/app'), '/opt/100%%/app');
  // In the file: \\$ for a literal $, \\\\ for a literal backslash (the spec's own examples).
  assert.equal(execArgument('/x/$HOME"`\\y'), '"/x/\\\\$HOME\\\\"\\\\`\\\\\\\\y"');
  assert.equal(
    desktopEntryText({ name: 'Nexus Toolbar', exec: ['/opt/x', '%U'], mimeTypes: ['x-scheme-handler/tel'] }),
    '[Desktop Entry]\nType=Application\nName=Nexus Toolbar\nExec=/opt/x %U\nTerminal=false\nMimeType=x-scheme-handler/tel;\n',
  );
});
