// Browser end-to-end tests: the real toolbar in Debian's Chromium, through the preview, against
// the real app core and the real simulator. CHROMIUM_PATH overrides the browser's path.
import { defineConfig } from '@playwright/test';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Tests, not files, are shared out among the workers, so a long file does not end the run alone:
  // each test starts its own preview, and each worker its own simulator for a file (beforeAll). A file
  // whose tests share a process says `test.describe.configure({ mode: 'default' })`.
  fullyParallel: true,
  // Most of a test is waiting on the toolbar, the core and the simulator, not the CPU.
  workers: Number(process.env.E2E_WORKERS) || 2,
  retries: 0,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      // No network here but loopback: keep Chromium from reaching out at all.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
