// Windows PowerShell as the app asks it, on the simulated Windows (the harness puts a
// `powershell.exe` script that runs this in <home>/Windows/System32/WindowsPowerShell/v1.0/):
// it answers only the scripts the app sends, and as PowerShell does: an unknown switch, another
// script, a missing path or a module path outside PowerShell's own folder end in an error (exit 1).
// - policy-place.ts: the SDDL of each path in $env:NEXUS_TOOLBAR_ACL_PATHS (Get-Acl): those in
//   <home>/Windows/acl.json (path: SDDL), else an administrators-only one, the kind IT sets;
// - authenticode.ts: the status and signer of $env:NEXUS_TOOLBAR_FILE (Get-AuthenticodeSignature):
//   <home>/Windows/signature.json's ({status, subject}), else NotSigned, as for the test's
//   installers (not programs at all).
// Each answer comes after <home>/Windows/answer-delay.json's milliseconds (a slow, locked-down PC).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ADMINS_ONLY = 'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)';
const ACL_SCRIPT =
  "$ErrorActionPreference = 'Stop'\n" +
  "foreach ($p in $env:NEXUS_TOOLBAR_ACL_PATHS.Split('|')) { (Microsoft.PowerShell.Security\\Get-Acl -LiteralPath $p).Sddl }";
const SIGNATURE_SCRIPT =
  "$ErrorActionPreference = 'Stop'\n" +
  '$s = Microsoft.PowerShell.Security\\Get-AuthenticodeSignature -LiteralPath $env:NEXUS_TOOLBAR_FILE\n' +
  '[string]$s.Status\n[string]$s.SignerCertificate.Subject';

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const powershellHome = dirname(process.argv[1]);
const windows = join(powershellHome, '..', '..', '..');
const args = process.argv.slice(2);
const at = args.indexOf('-EncodedCommand');
if (at < 0 || at !== args.length - 2) fail('the stand-in PowerShell takes -EncodedCommand <base64> last');
for (const flag of args.slice(0, at))
  if (!['-NoLogo', '-NoProfile', '-NonInteractive'].includes(flag)) fail(`unknown switch ${flag}`);
if (!args.includes('-NoProfile')) fail("a profile would run: the user's own script");
const script = Buffer.from(args[at + 1], 'base64').toString('utf16le');
if (script !== ACL_SCRIPT && script !== SIGNATURE_SCRIPT)
  fail(`the stand-in PowerShell does not run this script:\n${script}`);
if (process.env.PSModulePath !== join(powershellHome, 'Modules'))
  fail(`modules from ${process.env.PSModulePath}: a user's module could answer for the cmdlet`);
const answers = (name) =>
  existsSync(join(windows, name)) ? JSON.parse(readFileSync(join(windows, name), 'utf8')) : undefined;
await new Promise((resolve) => setTimeout(resolve, answers('answer-delay.json') ?? 0));
const out = [];
if (script === ACL_SCRIPT) {
  const acl = answers('acl.json') ?? {};
  for (const path of (process.env.NEXUS_TOOLBAR_ACL_PATHS ?? '').split('|')) {
    if (!existsSync(path)) fail(`Get-Acl : Cannot find path '${path}' because it does not exist.`);
    out.push(acl[path] ?? ADMINS_ONLY);
  }
} else {
  const file = process.env.NEXUS_TOOLBAR_FILE ?? '';
  if (!existsSync(file)) fail(`Get-AuthenticodeSignature : Cannot find path '${file}' because it does not exist.`);
  const signature = answers('signature.json') ?? { status: 'NotSigned', subject: '' };
  out.push(signature.status, signature.subject);
}
process.stdout.write(out.map((line) => `${line}\r\n`).join(''));
