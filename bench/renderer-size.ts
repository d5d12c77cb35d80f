// The built toolbar's JS and CSS, gzipped, as an agent's PC loads them: at start (what index.html
// names, with what it preloads, and the chosen language's catalogue, a file of its own) and in all
// (the panels opened now and then, the other language and the browser preview's bridge included).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export interface RendererSize {
  renderer_start_en_gzip_kb: number;
  renderer_start_ko_gzip_kb: number;
  renderer_gzip_kb: number;
}

/** The files of the toolbar built in `dist` (dist/renderer) the desktop page loads at start, in `lang`. */
export function startFiles(dist: string, lang: 'en' | 'ko'): string[] {
  const assets = readdirSync(join(dist, 'assets'));
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)].map((m) => m[1]!);
  if (named.length === 0) throw new Error('index.html names no asset');
  const catalogue = assets.filter((file) => new RegExp(`^${lang}-[\\w-]+\\.js$`).test(file));
  if (catalogue.length !== 1 || named.includes(catalogue[0]!)) throw new Error(`no file of its own for '${lang}'`);
  return [...named, catalogue[0]!].map((file) => join(dist, 'assets', file));
}

/** The sizes of the toolbar already built in `dist` (dist/renderer). */
export function builtRendererSize(dist: string): RendererSize {
  const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
  const sum = (files: string[]) => files.reduce((total, file) => total + gzipped(file), 0);
  const assets = readdirSync(join(dist, 'assets'))
    .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
    .map((file) => join(dist, 'assets', file));
  return {
    renderer_start_en_gzip_kb: kb(sum(startFiles(dist, 'en'))),
    renderer_start_ko_gzip_kb: kb(sum(startFiles(dist, 'ko'))),
    renderer_gzip_kb: kb(sum(assets)),
  };
}

/** Builds the toolbar, then measures it. */
export function measureRendererSize(): RendererSize {
  const root = join(import.meta.dirname, '..');
  const build = spawnSync('npx', ['vite', 'build', '-c', 'src-renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the toolbar did not build');
  return builtRendererSize(join(root, 'dist', 'renderer'));
}
