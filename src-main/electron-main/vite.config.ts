// Builds the Electron main process (ES module, dependencies left to node_modules) and the preload
// from src-main/electron-preload (one CommonJS file with everything but electron inside: a
// sandboxed preload cannot load ES modules or other files):
// `vite build -c src-main/electron-main/vite.config.ts --mode preload`.
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const root = new URL('../..', import.meta.url).pathname;
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig(({ mode }) =>
  mode === 'preload'
    ? {
        root,
        ssr: { noExternal: true },
        build: {
          ssr: 'src-main/electron-preload/preload.ts',
          outDir: 'dist/preload',
          emptyOutDir: true,
          target: 'node22',
          minify: false,
          rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'preload.cjs' } },
        },
      }
    : {
        root,
        build: {
          ssr: 'src-main/electron-main/main.ts',
          outDir: 'dist/main',
          emptyOutDir: true,
          target: 'node22',
          minify: false,
          rollupOptions: {
            external: ['electron', ...nodeBuiltins],
            output: { format: 'es', entryFileNames: 'main.js' },
          },
        },
      },
);
