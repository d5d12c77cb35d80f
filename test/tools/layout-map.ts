// The map of the code (docs/layout.md), made from what each file says it is in its first comment, so
// it cannot drift: `npm run layout` writes it, and a test fails when a file is added, moved or
// re-described without it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAP_FILE = 'docs/layout.md';

/** The folders mapped file by file. The test suites are mapped by folder in README's Tests chapter. */
const MAPPED = ['src-main/', 'src-renderer/', 'bench/', 'test/electron-standin/', 'test/tools/', 'test/mutation/'];
/** A map line's description at most, in characters: the first sentence, cut at a word. */
const LONGEST = 160;
const CODE = /\.(ts|svelte|mjs|cjs)$/;

export interface MappedFile {
  path: string;
  /** The first sentence of the file's first comment; undefined when it has none. */
  says: string | undefined;
}

/** The first sentence of the comment a file opens with (after a Svelte file's `<script>` line). */
export function firstSentence(source: string): string | undefined {
  const lines = source.split(/\r?\n/);
  let i = 0;
  if (/^<script\b[^>]*>\s*$/.test(lines[0] ?? '')) i = 1;
  const text: string[] = [];
  const first = lines[i]?.trim() ?? '';
  if (first.startsWith('//')) {
    for (; i < lines.length && lines[i]!.trim().startsWith('//'); i++)
      text.push(lines[i]!.trim().replace(/^\/\/\s?/, ''));
  } else if (first.startsWith('/*') || first.startsWith('<!--')) {
    const end = first.startsWith('/*') ? '*/' : '-->';
    for (; i < lines.length; i++) {
      const line = lines[i]!.trim();
      text.push(
        line
          .replace(/^(\/\*\*?|<!--)\s?/, '')
          .replace(/^\*(?!\/)\s?/, '')
          .replace(/\s*(\*\/|-->)$/, ''),
      );
      if (line.endsWith(end)) break;
    }
  } else return undefined;
  const joined = text.join(' ').replace(/\s+/g, ' ').trim();
  if (joined === '') return undefined;
  // Abbreviations are not a sentence's end: their dots are held aside while it is found.
  const held = joined.replace(/\b(e\.g|i\.e|etc|vs)\./g, (m) => m.replaceAll('.', '\u0000'));
  const sentence = (/^(.+?[a-z0-9)`'"][.])(\s|$)/.exec(held)?.[1] ?? held)
    .replace(/[.]$/, '')
    .replaceAll('\u0000', '.');
  const short = sentence.length > LONGEST ? `${sentence.slice(0, LONGEST - 1).replace(/\s+\S*$/, '')} …` : sentence;
  return short.replace(/\|/g, '\\|');
}

export function mappedFiles(root = ROOT): MappedFile[] {
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...MAPPED], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((path) => CODE.test(path));
  const byFolder = (a: string, b: string) => dirname(a).localeCompare(dirname(b)) || a.localeCompare(b);
  return [...new Set(tracked)]
    .sort(byFolder)
    .map((path) => ({ path, says: firstSentence(readFileSync(join(root, path), 'utf8')) }));
}

export function layoutMap(files: readonly MappedFile[]): string {
  const out = [
    '# Layout: every file and what it is',
    '',
    'Made by `npm run layout` from the first sentence of each file’s first comment; a test fails when',
    'this map and the code differ. The folders and their rules are in [README’s Layout](../README.md#layout).',
  ];
  let folder = '';
  for (const file of files) {
    const dir = dirname(file.path);
    if (dir !== folder) {
      folder = dir;
      out.push('', `## \`${dir}/\``, '', '| File | What it is |', '| --- | --- |');
    }
    out.push(`| \`${file.path.slice(dir.length + 1)}\` | ${file.says ?? '(no first comment)'} |`);
  }
  return out.join('\n') + '\n';
}

if (process.argv.includes('--write')) {
  const files = mappedFiles();
  writeFileSync(join(ROOT, MAP_FILE), layoutMap(files));
  const silent = files.filter((f) => f.says === undefined);
  console.log(`${MAP_FILE}: ${files.length} files`);
  if (silent.length > 0) console.log(`without a first comment:\n  ${silent.map((f) => f.path).join('\n  ')}`);
}
