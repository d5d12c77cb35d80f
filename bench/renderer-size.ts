// The built toolbar's JS and CSS, gzipped, as an agent's PC loads them.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function measureRendererSize(): { renderer_gzip_kb: number } {
  const root = join(import.meta.dirname, '..');
  const build = spawnSync('npx', ['vite', 'build', '-c', 'src-renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the toolbar did not build');
  const assets = join(root, 'dist', 'renderer', 'assets');
  let bytes = 0;
  for (const file of readdirSync(assets)) {
    if (file.endsWith('.js') || file.endsWith('.css'))
      bytes += gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
  }
  return { renderer_gzip_kb: Math.round((bytes / 1024) * 10) / 10 };
}
