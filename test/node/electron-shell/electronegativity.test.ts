// Electronegativity (Doyensec's Electron security checker) over the sources: every finding above
// informational must be one README explains ("Electronegativity findings"); a new one fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;

/** check id + file, as README's table lists them. */
const EXPLAINED = new Set([
  'CSP_GLOBAL_CHECK src-renderer/index.html',
  'OPEN_EXTERNAL_JS_CHECK src-main/electron-main/platform.ts',
  'OPEN_EXTERNAL_JS_CHECK src-main/electron-main/security.ts',
  'AUXCLICK_JS_CHECK src-main/electron-main/platform.ts',
  'AUXCLICK_JS_CHECK src-main/electron-main/window.ts',
  'CONTEXT_ISOLATION_JS_CHECK src-main/electron-main/platform.ts',
  'CONTEXT_ISOLATION_JS_CHECK src-main/electron-main/window.ts',
  'SANDBOX_JS_CHECK src-main/electron-main/platform.ts',
  'SANDBOX_JS_CHECK src-main/electron-main/window.ts',
  'PROTOCOL_HANDLER_JS_CHECK src-main/electron-main/main.ts',
]);

/** RFC 4180 rows: the tool quotes code samples, which hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell.trim());
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.trim());
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell.trim() !== '' || row.length > 0) rows.push([...row, cell.trim()]);
  return rows.filter((r) => r.some((c) => c !== ''));
}

test('electronegativity finds nothing that README does not explain', { timeout: 120_000 }, () => {
  // Only the app's own code: a copy of the two source folders (the checker would walk node_modules).
  const dir = mkdtempSync(join(tmpdir(), 'cti-eneg-'));
  cpSync(join(root, 'src-main'), join(dir, 'src-main'), { recursive: true });
  cpSync(join(root, 'src-renderer'), join(dir, 'src-renderer'), { recursive: true });
  const csv = join(dir, 'findings.csv');
  // -e: the Electron version we build with. The tool also tries to download translations and
  // Electron's release list; loopback-only.mjs makes those fail at once, so nothing leaves the
  // machine, and the release check that needs that list is left out (-x).
  const cli = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  const guard = new URL('../helpers/loopback-only.mjs', import.meta.url).href;
  const run = spawnSync(process.execPath, ['--import', guard, cli, '-i', dir, '-e', '41.7.1', '-x', 'availablesecurityfixesglobalcheck', '-r', '-v', 'false', '-o', csv], {
    encoding: 'utf8',
    timeout: 110_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const findings = parseCsv(readFileSync(csv, 'utf8'))
    .slice(1)
    .map(([issue, severity, , file]) => ({ key: `${issue} ${file}`, severity }));
  const unexplained = findings.filter((f) => f.severity !== 'INFORMATIONAL' && !EXPLAINED.has(f.key));
  assert.deepEqual(unexplained, [], 'findings README does not explain');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const key of EXPLAINED) assert.ok(readme.includes(key.split(' ')[0]!), `README explains ${key}`);
});
