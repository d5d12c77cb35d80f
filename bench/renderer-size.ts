// The built toolbar's JS and CSS, gzipped, as an agent's PC loads them: at start (what index.html
// names, with what it preloads, and the chosen language's catalogue, a file of its own) and in all
// (the panels opened now and then and the other language included).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export function measureRendererSize(): {
  renderer_start_en_gzip_kb: number;
  renderer_start_ko_gzip_kb: number;
  renderer_gzip_kb: number;
} {
  const root = join(import.meta.dirname, '..');
  const build = spawnSync('npx', ['vite', 'build', '-c', 'src-renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the toolbar did not build');
  const dist = join(root, 'dist', 'renderer');
  const assets = readdirSync(join(dist, 'assets')).filter((file) => file.endsWith('.js') || file.endsWith('.css'));
  const gzipped = (file: string) => gzipSync(readFileSync(join(dist, 'assets', file)), { level: 9 }).length;
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)].map((m) => m[1]!);
  if (named.length === 0) throw new Error('index.html names no asset');
  const atStart = named.reduce((sum, file) => sum + gzipped(file), 0);
  const catalogue = (lang: string) => {
    const files = assets.filter((file) => new RegExp(`^${lang}-[\\w-]+\\.js$`).test(file));
    if (files.length !== 1 || named.includes(files[0]!)) throw new Error(`no file of its own for '${lang}'`);
    return gzipped(files[0]!);
  };
  return {
    renderer_start_en_gzip_kb: kb(atStart + catalogue('en')),
    renderer_start_ko_gzip_kb: kb(atStart + catalogue('ko')),
    renderer_gzip_kb: kb(assets.reduce((sum, file) => sum + gzipped(file), 0)),
  };
}
