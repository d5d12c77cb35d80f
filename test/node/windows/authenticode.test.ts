// A downloaded Windows installer runs only when Get-AuthenticodeSignature says Valid and the signer
// is the app's publisher; anything else — including PowerShell not running at all, where
// electron-updater's own check lets the installer through — refuses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installerSignatureRefusal, signatureRefusal } from '../../../src-main/node/windows/authenticode.ts';
import type { RunProgram } from '../../../src-main/node/windows/powershell.ts';

const SUBJECT = 'CN="NEXUSCUBE Co., Ltd.", O="NEXUSCUBE Co., Ltd.", L=Seoul, C=KR';

test("the publisher's valid signature passes, by common name or by a full distinguished name", () => {
  assert.equal(signatureRefusal('Valid', SUBJECT, ['NEXUSCUBE Co., Ltd.']), undefined);
  assert.equal(signatureRefusal('Valid', SUBJECT, ['Old Name', 'NEXUSCUBE Co., Ltd.']), undefined, 'a renewed name');
  assert.equal(signatureRefusal('Valid', SUBJECT, ['CN="NEXUSCUBE Co., Ltd.", C=KR']), undefined);
});

test('anything else is refused: not Valid, another signer, a name only part of the signer', () => {
  for (const status of ['NotSigned', 'HashMismatch', 'NotTrusted', 'UnknownError', undefined])
    assert.match(
      signatureRefusal(status, SUBJECT, ['NEXUSCUBE Co., Ltd.']) ?? 'ran',
      /its signature is/,
      String(status),
    );
  assert.match(
    signatureRefusal('Valid', 'CN=Mallory Software, O=Mallory, C=US', ['NEXUSCUBE Co., Ltd.']) ?? 'ran',
    /signed by CN=Mallory Software/,
  );
  assert.match(signatureRefusal('Valid', 'CN=NEXUSCUBE', ['NEXUSCUBE Co., Ltd.']) ?? 'ran', /not by/);
  assert.match(signatureRefusal('Valid', SUBJECT, ['CN="NEXUSCUBE Co., Ltd.", C=US']) ?? 'ran', /not by/);
  assert.match(signatureRefusal('Valid', SUBJECT, []) ?? 'ran', /not by/);
});

test("PowerShell from the Windows folder is asked, with the file in the app's own environment; when it cannot run, the installer is refused", async () => {
  const calls: { file: string; env: Record<string, string> }[] = [];
  const answering =
    (...lines: string[]): RunProgram =>
    async (file, _args, env) => (calls.push({ file, env }), lines.join('\r\n'));
  const installer = 'C:\\Users\\kim\\AppData\\Local\\nexus-toolbar-updater\\pending\\setup.exe';
  assert.equal(
    await installerSignatureRefusal(
      installer,
      ['NEXUSCUBE Co., Ltd.'],
      () => '/mnt/c/Windows',
      answering('Valid', SUBJECT),
    ),
    undefined,
  );
  assert.equal(calls[0]!.file, '/mnt/c/Windows/System32/WindowsPowerShell/v1.0/powershell.exe');
  assert.equal(calls[0]!.env.NEXUS_TOOLBAR_FILE, installer);
  assert.equal(calls[0]!.env.PATH, undefined, 'nothing found through PATH');
  assert.match(
    (await installerSignatureRefusal(
      installer,
      ['NEXUSCUBE Co., Ltd.'],
      () => '/mnt/c/Windows',
      answering('NotSigned'),
    )) ?? '',
    /its signature is NotSigned/,
  );
  const blocked: RunProgram = () => Promise.reject(new Error('spawn powershell.exe EACCES (blocked by AppLocker)'));
  assert.match(
    (await installerSignatureRefusal(installer, ['NEXUSCUBE Co., Ltd.'], () => '/mnt/c/Windows', blocked)) ?? '',
    /could not be checked \(spawn powershell\.exe EACCES/,
  );
  const noWindows = () => {
    throw new Error('ENOENT');
  };
  assert.match(
    (await installerSignatureRefusal(installer, ['NEXUSCUBE Co., Ltd.'], noWindows)) ?? '',
    /could not be checked/,
  );
});
