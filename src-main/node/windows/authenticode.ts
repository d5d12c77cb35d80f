// Whether a downloaded Windows installer is validly signed by the app's publisher (Authenticode,
// through Get-AuthenticodeSignature). Anything short of a yes is a no: electron-updater's own
// check lets an installer through when PowerShell cannot be run (AppLocker, a broken install).
import { runWindowsPowerShell, windowsDirectory, type RunProgram } from './powershell.ts';

/** A distinguished name's parts, `CN=Nexus, O=NEXUSCUBE` → [['CN', 'Nexus'], ['O', 'NEXUSCUBE']] (quoted values kept whole). */
function parts(dn: string): [string, string][] {
  return [...dn.matchAll(/(?:^|,)\s*([A-Za-z0-9.]+)\s*=\s*("(?:[^"]|"")*"|[^,]*)/g)].map(([, key, value]) => [
    key!.toUpperCase(),
    value!
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .replace(/""/g, '"'),
  ]);
}

/**
 * Why a signature of `status` by `subject` is not the publisher's, or undefined when it is: Valid,
 * and the signer's common name is one of `publishers`, or (a publisher given as a full DN, as
 * electron-builder allows) every part of it is in the signer's.
 */
export function signatureRefusal(
  status: string | undefined,
  subject: string,
  publishers: string[],
): string | undefined {
  if (status !== 'Valid') return `its signature is ${status || 'missing'} (Get-AuthenticodeSignature)`;
  const signer = parts(subject);
  const matches = (publisher: string) => {
    const wanted = publisher.includes('=') ? parts(publisher) : [['CN', publisher.trim()] as [string, string]];
    return wanted.length > 0 && wanted.every(([k, v]) => signer.some(([sk, sv]) => sk === k && sv === v));
  };
  return publishers.some(matches) ? undefined : `it is signed by ${subject}, not by ${publishers.join(' or ')}`;
}

/** Why the installer at `file` must not run (see signatureRefusal), or undefined; never rejects. */
export async function installerSignatureRefusal(
  file: string,
  publishers: string[],
  windows: () => string = windowsDirectory,
  run?: RunProgram,
): Promise<string | undefined> {
  let lines: string[];
  try {
    lines = await runWindowsPowerShell(
      windows(),
      "$ErrorActionPreference = 'Stop'\n" +
        '$s = Microsoft.PowerShell.Security\\Get-AuthenticodeSignature -LiteralPath $env:NEXUS_TOOLBAR_FILE\n' +
        '[string]$s.Status\n[string]$s.SignerCertificate.Subject',
      { NEXUS_TOOLBAR_FILE: file },
      run,
    );
  } catch (error) {
    return `its signature could not be checked (${error instanceof Error ? error.message : String(error)})`;
  }
  return signatureRefusal(lines[0]?.trim(), lines[1]?.trim() ?? '', publishers);
}
