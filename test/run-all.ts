// The whole test command (`npm test`): lint, type checks, the Node suites and the browser suite,
// each in its own process, ending with one line `N passed, N failed` that sums them all.
// `--only core` (`npm run test:core`) runs the Node tests of the pure core alone, in one process.
// Lint and each type check count as one test each. After the one build the suites use, every part
// runs side by side (they share nothing), the browser suite first; a part run beside another prints
// its output when it ends, so no two parts' lines interleave.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { electronExecutable, electronPackageDir } from '../src-main/node/cli/electron-binary.ts';

const root = join(import.meta.dirname, '..');
// Each run its own folder, so two runs at once (a developer and an editor's test task) never read each other's results.
mkdirSync(join(root, '.tmp'), { recursive: true });
const tmp = mkdtempSync(join(root, '.tmp', 'run-'));
// Every Node process the run starts (the checks, each test file, the simulators, previews and apps the
// tests start) keeps the code it compiled, TypeScript stripped, for the next: a third of a process's
// start. Keyed by each file's content, so an edit is never run stale.
process.env.NODE_COMPILE_CACHE ??= join(root, '.tmp', 'compile-cache');

interface Tally {
  name: string;
  passed: number;
  failed: number;
  note?: string;
}

/** Where a part's output goes: straight to the terminal, or held and printed when the part ends. */
type Output = 'live' | 'held';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, output: Output = 'live'): Promise<number> {
  return new Promise((resolve) => {
    const stdio: StdioOptions = output === 'live' ? 'inherit' : ['ignore', 'pipe', 'pipe'];
    const child: ChildProcess = spawn(cmd, args, { cwd: root, stdio, env: { ...process.env, ...env } });
    const held: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => held.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => held.push(chunk));
    child.on('close', (code, signal) => {
      if (held.length > 0) process.stdout.write(Buffer.concat(held));
      resolve(code ?? (signal ? 1 : 0));
    });
    child.on('error', () => resolve(127));
  });
}

async function check(name: string, cmd: string, args: string[], output: Output = 'live'): Promise<Tally> {
  if (output === 'live') console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const code = await run(cmd, args, {}, output);
  if (output === 'held') console.log(`=== ${name}: ${cmd} ${args.join(' ')}: ${code === 0 ? 'passed' : 'FAILED'}`);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

/**
 * Node test files run at once: most of their time is spent waiting on sockets and timers, not the
 * CPU (the whole suite is about 4 CPU minutes). NODE_TEST_CONCURRENCY overrides it.
 */
const NODE_TEST_CONCURRENCY = Number(process.env.NODE_TEST_CONCURRENCY) || 4;

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

/**
 * The pure core's tests: the protocol, the reducer and state, the settings' schema and IT's policy
 * rules, the words (i18n), the session's units on fake time. No process, socket or server: they
 * all run in one process (`--test-isolation=none`), in about 20 s on 2 cores.
 */
const CORE_TESTS = [
  'test/node/common/',
  'test/node/protocol/',
  'test/node/state/',
  'test/node/settings/settings-schema.test.ts',
  'test/node/settings/managed-policy.test.ts',
  'test/node/session/connection-machine.test.ts',
  'test/node/session/failure-cause.test.ts',
  'test/node/session/units.test.ts',
];

async function nodeSuite(filter: string | undefined, core = false): Promise<Tally> {
  const files = findTests(join(root, 'test', 'node'))
    .filter((f) => !filter || f.includes(filter))
    .filter((f) => !core || CORE_TESTS.some((c) => f.startsWith(c)));
  const name = core ? 'core' : 'node';
  console.log(
    `\n=== ${core ? 'core (the pure core, one process)' : 'node suites'}: ${files.length} files${core ? '' : `, ${NODE_TEST_CONCURRENCY} at once`}`,
  );
  // Node runs the TypeScript itself (type stripping; tsconfig's erasableSyntaxOnly keeps the sources to what it can strip).
  if (!core) {
    // Longest first (node-suite.ts), each file in its own process.
    const countsFile = join(tmp, 'node-counts.json');
    const code = await run(process.execPath, [
      join('test', 'node-suite.ts'),
      String(NODE_TEST_CONCURRENCY),
      countsFile,
      ...files,
    ]);
    try {
      const c = JSON.parse(readFileSync(countsFile, 'utf8')) as { pass: number; fail: number; cancelled: number };
      return { name, passed: c.pass, failed: c.fail + c.cancelled || (code !== 0 ? 1 : 0) };
    } catch {
      return { name, passed: 0, failed: 1, note: 'no counts' };
    }
  }
  const tap = join(tmp, `${name}-tests.tap`);
  const code = await run(process.execPath, [
    '--test',
    '--test-isolation=none',
    '--test-reporter=dot',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = readFileSync(tap, 'utf8');
  const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  return { name, passed, failed: failed || (code !== 0 ? 1 : 0) };
}

/** The browser suite, on the toolbar `npm run build` made. */
async function browserSuite(output: Output): Promise<Tally | undefined> {
  const config = join(root, 'test', 'e2e', 'playwright.config.ts');
  try {
    readFileSync(config);
  } catch {
    return undefined;
  }
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.log(
      `\n=== browser suite NOT RUN: no Chromium at ${chromium}. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
    return { name: 'browser', passed: 0, failed: 1, note: `no Chromium at ${chromium}` };
  }
  console.log(`\n=== browser suite (Playwright, Chromium)${output === 'held' ? ': its output when it ends' : ''}`);
  const report = join(tmp, 'playwright-report.json');
  const code = await run(
    'npx',
    ['playwright', 'test', '-c', config, '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    output,
  );
  if (output === 'held') console.log('=== browser suite: ended');
  try {
    const stats = (JSON.parse(readFileSync(report, 'utf8')) as { stats: Record<string, number> }).stats;
    const failed = (stats.unexpected ?? 0) + (stats.flaky ?? 0);
    return { name: 'browser', passed: stats.expected ?? 0, failed: failed || (code !== 0 ? 1 : 0) };
  } catch {
    return { name: 'browser', passed: 0, failed: 1, note: 'no report' };
  }
}

/** The Electron shell suite runs only where the Electron binary is installed. */
async function electronSuite(): Promise<Tally | undefined> {
  // Looked up on disk, not by requiring `electron`: that would start a download of the binary.
  const dir = electronPackageDir(process.cwd());
  const binary = dir ? electronExecutable(dir) : undefined;
  if (!binary) {
    console.log(
      `\n=== Electron shell suite (test/electron) NOT RUN: the Electron binary is not installed here (${dir ? `nothing in ${relative(process.cwd(), dir)}/dist` : 'no electron package'}).` +
        '\n    Machines without internet access cannot download it. Where it can be downloaded: npm install && npm run test:electron',
    );
    return undefined;
  }
  console.log('\n=== Electron shell suite (Playwright _electron)');
  const code = await run('npm', ['run', 'test:electron']);
  return { name: 'electron', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, note: 'counted as one' };
}

const { values } = parseArgs({ options: { only: { type: 'string' }, filter: { type: 'string' } } });
const only = values.only?.split(',');
const want = (part: string) => !only || only.includes(part);

const started = Date.now();
const tallies: Tally[] = [];
// The Node suites (packaging, the app:// handler) and the browser suite (the preview, the preload path) use the built app.
if (want('node') || want('browser')) tallies.push(await check('build', 'npm', ['run', '--silent', 'build']));
// Then everything at once: each suite starts its own servers on port 0 and writes in its own folders,
// and the checks only read the sources. The browser suite, the longest, starts first; the checks and
// the browser suite hold their lines until they end, so no two parts' lines interleave.
const parts: Promise<Tally | undefined>[] = [];
const besideBrowser = ['node', 'lint', 'format', 'types'].some(want) || only?.includes('core');
if (want('browser')) parts.push(browserSuite(besideBrowser ? 'held' : 'live'));
if (want('node')) parts.push(nodeSuite(values.filter));
if (only?.includes('core')) parts.push(nodeSuite(values.filter, true));
if (want('lint')) parts.push(check('lint', 'npx', ['eslint', '.'], 'held'));
if (want('format')) parts.push(check('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.'], 'held'));
if (want('types')) {
  parts.push(check('types (main)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], 'held'));
  parts.push(
    check(
      'types (toolbar)',
      'npx',
      ['svelte-check', '--tsconfig', 'src-renderer/tsconfig.json', '--fail-on-warnings'],
      'held',
    ),
  );
}
for (const t of await Promise.all(parts)) if (t) tallies.push(t);

if (want('electron')) {
  const e = await electronSuite();
  if (e) tallies.push(e);
}

console.log('\n=== summary');
for (const t of tallies)
  console.log(`${t.name}: ${t.passed} passed, ${t.failed} failed${t.note ? ` (${t.note})` : ''}`);
const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed, 0);
console.log(`${passed} passed, ${failed} failed (in ${Math.round((Date.now() - started) / 1000)} s)`);
rmSync(tmp, { recursive: true, force: true });
process.exitCode = failed > 0 ? 1 : 0;
