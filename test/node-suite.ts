// Runs the Node test files (each in its own process, `concurrency` at once) longest first, by the
// times the last run on this checkout kept in .tmp/node-test-times.json: the suite then ends with
// its short files, not with a long one started last (`node --test` would run them in name order).
// `node test/node-suite.ts <concurrency> <counts.json> <file>…` prints the spec report and writes
// { pass, fail, cancelled } to counts.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const root = join(import.meta.dirname, '..');
const timesFile = join(root, '.tmp', 'node-test-times.json');
const [concurrency, countsFile, ...files] = process.argv.slice(2);

function keptTimes(): Record<string, number> {
  try {
    return existsSync(timesFile) ? (JSON.parse(readFileSync(timesFile, 'utf8')) as Record<string, number>) : {};
  } catch {
    return {};
  }
}

const before = keptTimes();
// A file with no time kept (a new one, or every file on a fresh clone) goes first: it may be long;
// among those, the shell's (each of its tests starts the app) before the rest.
const guess = (f: string) => before[f] ?? (f.includes('/electron-shell/') ? 2e9 : 1e9);
const ordered = [...files].sort((a, b) => guess(b) - guess(a) || a.localeCompare(b));
const counts = { pass: 0, fail: 0, cancelled: 0 };
const times: Record<string, number> = {};

const stream = run({ files: ordered.map((f) => resolve(root, f)), concurrency: Number(concurrency) || 4 });
stream.on('test:pass', (t) => tally(t, 'pass'));
stream.on('test:fail', (t) => tally(t, 'fail'));

function tally(
  t: {
    nesting: number;
    file?: string;
    skip?: unknown;
    todo?: unknown;
    details: { duration_ms: number; type?: string; error?: unknown };
  },
  outcome: 'pass' | 'fail',
): void {
  if (t.nesting === 0 && t.file) {
    const file = relative(root, t.file);
    times[file] = (times[file] ?? 0) + t.details.duration_ms;
  }
  if (t.details.type === 'suite' || (outcome === 'pass' && (t.skip !== undefined || t.todo !== undefined))) return;
  if (outcome === 'pass') counts.pass++;
  else if ((t.details.error as { failureType?: string } | undefined)?.failureType === 'cancelledByParent')
    counts.cancelled++;
  else counts.fail++;
}

stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  writeFileSync(countsFile!, JSON.stringify(counts));
  mkdirSync(join(root, '.tmp'), { recursive: true });
  writeFileSync(timesFile, JSON.stringify({ ...before, ...times }, null, 1));
  process.exitCode = counts.fail + counts.cancelled > 0 ? 1 : 0;
});
