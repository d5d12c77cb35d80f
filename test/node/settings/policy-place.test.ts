// Where the machine policy lives and who may change it (issue 26, item 1): the place never from the
// agent's environment; on macOS and Linux real files on disk, chowned and chmodded into each refused
// case (the test machine runs as root); on Windows the SDDL that Get-Acl gives, as samples written
// from Microsoft's Security Descriptor String Format for the folders IT and users actually make.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { policyPath, posixPolicyRefusal, windowsPolicyRefusal } from '../../../src-main/node/settings/policy-place.ts';
import { WINDOWS_ROOT_LINK, type RunProgram } from '../../../src-main/node/windows/powershell.ts';
import { parseSddl, sddlRefusal } from '../../../src-main/node/settings/windows-acl.ts';

const NOBODY = 65534;

test("the policy file is where each platform keeps machine-wide settings; on Windows beside the kernel's Windows folder, whatever %ProgramData% says", () => {
  const saved = process.env.ProgramData;
  process.env.ProgramData = '/home/mallory/fake';
  try {
    const asked: string[] = [];
    const windowsDir = () => (asked.push(WINDOWS_ROOT_LINK), '/mnt/d/Windows');
    assert.equal(policyPath('win32', windowsDir), '/mnt/d/ProgramData/Nexus Toolbar/policy.json');
    assert.deepEqual(asked, [WINDOWS_ROOT_LINK]);
  } finally {
    if (saved === undefined) delete process.env.ProgramData;
    else process.env.ProgramData = saved;
  }
  assert.equal(policyPath('darwin'), '/Library/Application Support/Nexus Toolbar/policy.json');
  assert.equal(policyPath('linux'), '/etc/nexus-toolbar/policy.json');
});

/** A policy as IT leaves it: folder root's 0755, file root's 0644, in a fresh folder of root's. */
function itsPolicy() {
  const base = mkdtempSync(join(tmpdir(), 'cti-policy-place-'));
  const folder = join(base, 'nexus-toolbar');
  mkdirSync(folder, { mode: 0o755 });
  chmodSync(base, 0o755);
  const file = join(folder, 'policy.json');
  writeFileSync(file, '{"version": 1}', { mode: 0o644 });
  chmodSync(file, 0o644);
  return { base, folder, file };
}

test("macOS/Linux: root's policy in root's folder is read; no file is nothing to refuse", () => {
  const { file, folder } = itsPolicy();
  assert.equal(posixPolicyRefusal(file), undefined, 'root-owned, 0644 in 0755 (below the sticky /tmp)');
  assert.equal(posixPolicyRefusal(join(folder, 'absent.json')), undefined);
});

test('macOS/Linux: a policy file, its folder or a folder above that someone other than root can change is refused', () => {
  const cases: [string, (p: ReturnType<typeof itsPolicy>) => void, RegExp][] = [
    [
      "the file is nobody's",
      (p) => chownSync(p.file, NOBODY, NOBODY),
      /the policy file .* is owned by uid 65534, not root/,
    ],
    [
      'the file is group-writable',
      (p) => chmodSync(p.file, 0o664),
      /the policy file .* can be written by its group \(mode 664\)/,
    ],
    [
      'the file is world-writable',
      (p) => chmodSync(p.file, 0o646),
      /the policy file .* can be written by anyone \(mode 646\)/,
    ],
    [
      "the folder is nobody's",
      (p) => chownSync(p.folder, NOBODY, NOBODY),
      /its folder .* is owned by uid 65534, not root/,
    ],
    ['the folder is world-writable', (p) => chmodSync(p.folder, 0o777), /its folder .* can be written by anyone/],
    [
      'the folder is world-writable even with the sticky bit (a new policy.json could be planted)',
      (p) => chmodSync(p.folder, 0o1777),
      /its folder .* can be written by anyone/,
    ],
    [
      "a folder above is nobody's",
      (p) => chownSync(p.base, NOBODY, NOBODY),
      /the folder above it .* owned by uid 65534/,
    ],
    ['a folder above is group-writable', (p) => chmodSync(p.base, 0o775), /the folder above it .* by its group/],
  ];
  for (const [name, spoil, why] of cases) {
    const p = itsPolicy();
    spoil(p);
    assert.match(posixPolicyRefusal(p.file) ?? 'read', why, name);
  }
});

// Get-Acl's .Sddl of what IT makes and what users make (O: owner, G: group, D: the DACL).
const TI = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464';
const USER = 'S-1-5-21-3623811015-3361044348-30300820-1013';
const SAMPLES = {
  /** IT's folder: inheritance off, SYSTEM and Administrators full, Users read and execute (README's icacls). */
  itFolder: 'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)',
  /** The file in it: the same, inherited. */
  itFile: 'O:BAG:SYD:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)',
  /** Made by the SYSTEM account (Intune, a GPO preference, SCCM), owner SYSTEM. */
  systemFile: 'O:SYG:SYD:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)',
  /** Like System32: TrustedInstaller's. */
  trustedInstaller: `O:${TI}G:${TI}D:PAI(A;;FA;;;${TI})(A;;0x1200a9;;;BA)(A;;0x1200a9;;;SY)(A;;0x1200a9;;;BU)(A;;0x1200a9;;;AC)`,
  /** An admin's `mkdir` under C:\ProgramData, left to inherit: Users may add files and folders (WD, AD, WEA, WA). */
  inheritedFromProgramData:
    'O:BAG:S-1-5-21-3623811015-3361044348-30300820-513D:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIIOID;GA;;;CO)(A;OICIID;0x1200a9;;;BU)(A;CIID;DCLCRPCR;;;BU)',
  /** Planted by a standard user: theirs, with full control through CREATOR OWNER. */
  plantedByUser: `O:${USER}G:${USER}D:AI(A;ID;FA;;;${USER})(A;OICIIOID;GA;;;${USER})(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;0x1200a9;;;BU)`,
  /** Administrators' folder, but an admin's own account owns it (Windows 10/11 default owner). */
  ownedByAdminAccount: `O:${USER}G:S-1-5-21-3623811015-3361044348-30300820-513D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)`,
  everyoneModify: 'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1301bf;;;WD)',
  authenticatedUsersModify: 'O:BAG:SYD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;0x1301bf;;;AU)',
  interactiveFull: 'O:BAG:SYD:(A;;FA;;;IU)(A;;FA;;;BA)',
  usersGenericWrite: 'O:BAG:SYD:(A;;FA;;;BA)(A;;GW;;;BU)',
  usersDelete: 'O:BAG:SYD:(A;;FA;;;BA)(A;;0x1200a9;;;BU)(A;;SD;;;BU)',
  /** A null DACL: everyone may do everything. */
  nullDacl: 'O:BAG:SYD:NO_ACCESS_CONTROL',
  /** A conditional entry (its own parentheses): not read in part. */
  conditional: 'O:BAG:SYD:(A;;FA;;;BA)(XA;;FA;;;WD;(@User.Title=="PM"))(A;;FA;;;WD)',
  /** What `icacls /save` writes: the DACL alone, no owner. */
  icaclsSave: 'D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)',
};

test('Windows ACL: the owner and entries of an SDDL string, aliases as SIDs, inherit-only marked', () => {
  assert.deepEqual(parseSddl(SAMPLES.inheritedFromProgramData), {
    owner: 'S-1-5-32-544',
    aces: [
      { allow: true, inheritOnly: false, mask: 0x1f01ff, sid: 'S-1-5-18' },
      { allow: true, inheritOnly: false, mask: 0x1f01ff, sid: 'S-1-5-32-544' },
      { allow: true, inheritOnly: true, mask: 0x10000000, sid: 'S-1-3-0' },
      { allow: true, inheritOnly: false, mask: 0x1200a9, sid: 'S-1-5-32-545' },
      { allow: true, inheritOnly: false, mask: 0x116, sid: 'S-1-5-32-545' },
    ],
  });
  assert.equal(parseSddl('not a descriptor'), undefined);
  assert.equal(parseSddl(SAMPLES.conditional), undefined);
});

test("Windows ACL: a policy only Administrators, SYSTEM or TrustedInstaller can change is read; anyone else's write, delete or ownership refuses it", () => {
  for (const ok of ['itFolder', 'itFile', 'systemFile', 'trustedInstaller'] as const)
    assert.equal(sddlRefusal(SAMPLES[ok], 'x'), undefined, ok);
  const refused: [keyof typeof SAMPLES, RegExp][] = [
    ['inheritedFromProgramData', /can be changed by Users \(S-1-5-32-545\)/],
    ['plantedByUser', new RegExp(`owned by ${USER}, not by Administrators or SYSTEM`)],
    ['ownedByAdminAccount', new RegExp(`owned by ${USER}`)],
    ['everyoneModify', /can be changed by Everyone \(S-1-1-0\)/],
    ['authenticatedUsersModify', /can be changed by Authenticated Users \(S-1-5-11\)/],
    ['interactiveFull', /can be changed by INTERACTIVE \(S-1-5-4\)/],
    ['usersGenericWrite', /can be changed by Users/],
    ['usersDelete', /can be changed by Users/],
    ['nullDacl', /can be changed by Everyone/],
    ['conditional', /could not be read/],
    ['icaclsSave', /owned by no one known/],
  ];
  for (const [name, why] of refused) assert.match(sddlRefusal(SAMPLES[name], 'x') ?? 'read', why, name);
});

test("Windows: Get-Acl is asked through PowerShell in the Windows folder, with the app's own environment, for the folder then the file", async () => {
  const { folder, file } = itsPolicy();
  const calls: { file: string; args: string[]; env: Record<string, string> }[] = [];
  const answer =
    (lines: string[]): RunProgram =>
    async (program, args, env) => (calls.push({ file: program, args, env }), lines.join('\r\n') + '\r\n');
  assert.equal(
    await windowsPolicyRefusal(file, '/mnt/c/Windows', answer([SAMPLES.itFolder, SAMPLES.itFile])),
    undefined,
  );
  assert.equal(calls[0]!.file, '/mnt/c/Windows/System32/WindowsPowerShell/v1.0/powershell.exe');
  assert.ok(calls[0]!.args.includes('-NoProfile'));
  assert.deepEqual(Object.keys(calls[0]!.env).sort(), [
    'NEXUS_TOOLBAR_ACL_PATHS',
    'PSModulePath',
    'SystemDrive',
    'SystemRoot',
    'windir',
  ]);
  assert.equal(calls[0]!.env.NEXUS_TOOLBAR_ACL_PATHS, `${folder}|${file}`);
  assert.equal(calls[0]!.env.PSModulePath, '/mnt/c/Windows/System32/WindowsPowerShell/v1.0/Modules');
  assert.match(
    (await windowsPolicyRefusal(file, '/mnt/c/Windows', answer([SAMPLES.inheritedFromProgramData, SAMPLES.itFile]))) ??
      '',
    /its folder .* can be changed by Users/,
  );
  assert.match(
    (await windowsPolicyRefusal(file, '/mnt/c/Windows', answer([SAMPLES.itFolder, SAMPLES.plantedByUser]))) ?? '',
    /the policy file .* is owned by S-1-5-21-/,
  );
  const failing: RunProgram = () => {
    return Promise.reject(new Error('powershell.exe exited with 1'));
  };
  assert.match(
    (await windowsPolicyRefusal(file, '/mnt/c/Windows', failing)) ?? '',
    /could not be read \(powershell\.exe exited with 1\)/,
  );
  assert.match(
    (await windowsPolicyRefusal(file, '/mnt/c/Windows', answer([SAMPLES.itFolder]))) ?? '',
    /could not be read/,
  );
});
