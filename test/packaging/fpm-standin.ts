// A stand-in for fpm (https://github.com/jordansissel/fpm), used only by the packaging test.
// electron-builder's deb target hands fpm its whole package description on the command line and
// downloads fpm (a Ruby bundle) from GitHub, which this machine cannot reach, and neither fpm nor
// its gem is packaged by Debian. This stand-in implements the part of fpm's command line that
// electron-builder uses for `-s dir -t deb` and builds the package with Debian's own dpkg-deb,
// which checks the control fields. Any option it does not know fails the build, so a change in
// what electron-builder asks for is noticed, never silently dropped.
//   CUSTOM_FPM_PATH=<a wrapper that runs this file> electron-builder --linux deb
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const VALUED = new Set([
  '-s',
  '-t',
  '-d',
  '--deb-recommends',
  '--deb-compression',
  '--architecture',
  '--after-install',
  '--after-remove',
  '--description',
  '--version',
  '--package',
  '--name',
  '--maintainer',
  '--vendor',
  '--url',
  '--deb-priority',
  '--license',
  '--category',
  '--iteration',
  '--log',
]);
const FLAGS = new Set(['--force', '--debug']);

function fail(message: string): never {
  process.stderr.write(`fpm stand-in: ${message}\n`);
  process.exit(1);
}

const options = new Map<string, string[]>();
const mappings: [string, string][] = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i]!;
  if (VALUED.has(arg)) {
    const value = argv[++i];
    if (value === undefined) fail(`${arg} needs a value`);
    options.set(arg, [...(options.get(arg) ?? []), value]);
  } else if (FLAGS.has(arg)) {
    options.set(arg, ['true']);
  } else if (arg.startsWith('-')) {
    fail(`unknown option ${arg} (this stand-in knows what electron-builder 26 passes for deb)`);
  } else {
    const eq = arg.indexOf('=');
    if (eq <= 0) fail(`not a source=destination mapping: ${arg}`);
    mappings.push([arg.slice(0, eq), arg.slice(eq + 1)]);
  }
}
const one = (name: string, required = true) => {
  const v = options.get(name)?.at(-1);
  if (required && (v === undefined || v.trim() === '')) fail(`${name} is required`);
  return v;
};
if (one('-s') !== 'dir' || one('-t') !== 'deb') fail('only -s dir -t deb is implemented');

const stage = mkdtempSync(join(tmpdir(), 'fpm-standin-'));
chmodSync(stage, 0o755); // the package's `./`
try {
  for (const [src, dest] of mappings) {
    const target = join(stage, dest);
    if (src.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      for (const entry of readdirSync(src))
        cpSync(join(src, entry), join(target, entry), { recursive: true, verbatimSymlinks: true });
    } else if (statSync(src).isDirectory()) {
      cpSync(src, target, { recursive: true, verbatimSymlinks: true });
    } else {
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(src, target);
      chmodSync(target, statSync(src).mode & 0o777);
    }
  }
  const installedKb = Math.ceil(
    Number(execFileSync('du', ['-sk', '--apparent-size', stage], { encoding: 'utf8' }).split('\t')[0]),
  );
  const [synopsis, ...rest] = one('--description')!.split('\n');
  const body = rest.map((line) => (line.trim() === '' ? ' .' : ` ${line}`));
  const iteration = one('--iteration', false);
  const fields: [string, string | undefined][] = [
    ['Package', one('--name')],
    ['Version', iteration ? `${one('--version')}-${iteration}` : one('--version')],
    ['License', one('--license', false)],
    ['Vendor', one('--vendor', false)],
    ['Architecture', one('--architecture')],
    ['Maintainer', one('--maintainer')],
    ['Installed-Size', String(installedKb)],
    ['Depends', options.get('-d')?.join(', ')],
    ['Recommends', options.get('--deb-recommends')?.join(', ')],
    ['Section', one('--category', false) ?? 'default'],
    ['Priority', one('--deb-priority', false) ?? 'optional'],
    ['Homepage', one('--url')],
    ['Description', [synopsis!.trim(), ...body].join('\n')],
  ];
  const control = fields
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  mkdirSync(join(stage, 'DEBIAN'), { mode: 0o755 });
  writeFileSync(join(stage, 'DEBIAN', 'control'), `${control}\n`);
  for (const [option, script] of [
    ['--after-install', 'postinst'],
    ['--after-remove', 'postrm'],
  ] as const) {
    const file = one(option, false);
    if (file) writeFileSync(join(stage, 'DEBIAN', script), readFileSync(file), { mode: 0o755 });
  }
  const out = one('--package')!;
  rmSync(out, { force: true });
  const compression = one('--deb-compression', false) ?? 'xz';
  execFileSync(
    'dpkg-deb',
    ['--root-owner-group', `-Z${compression === 'bzip2' ? 'none' : compression}`, '--build', stage, out],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
} finally {
  rmSync(stage, { recursive: true, force: true });
}
