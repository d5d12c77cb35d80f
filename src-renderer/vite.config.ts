// How the toolbar is built: Svelte, relative paths for app://, no inline files (the CSP allows only its own).
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // No inline scripts or styles: the CSP allows only files of the app's own origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
