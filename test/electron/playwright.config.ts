// The Electron shell itself, through Playwright's _electron: needs the Electron binary, which a
// normal `npm install` downloads but this project's CI machines cannot. Run after `npm run build`:
//   npx playwright test -c test/electron/playwright.config.ts
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  timeout: 60_000,
  workers: 1,
  reporter: 'list',
});
