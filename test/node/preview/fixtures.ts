// The preview as the tests start it: the real app core (demo mode: no server in the settings)
// behind the preview server, serving a one-line page from a temporary folder (the settings file
// lives in another, out of the server's reach), or the built toolbar when `staticDir` says so.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppController } from '../../../src-main/node/app/app-controller.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import { startPreview, type Preview } from '../../../src-main/node/preview/preview-server.ts';

export interface PreviewRig {
  app: AppController;
  preview: Preview;
  /** Another core on the same settings (not started): what a restart after an error makes. */
  newCore(version: string): AppController;
  stop(): Promise<void>;
}

export async function startPreviewRig(options: { staticDir?: string } = {}): Promise<PreviewRig> {
  const root = options.staticDir ?? mkdtempSync(join(tmpdir(), 'cti-preview-static-'));
  if (!options.staticDir) writeFileSync(join(root, 'index.html'), '<!doctype html><title>toolbar</title>');
  const ref: { preview?: Preview } = {};
  const platform = new PreviewPlatform({ onScreenPop: (url) => ref.preview?.screenPop(url), language: 'en' });
  const settingsPath = join(mkdtempSync(join(tmpdir(), 'cti-preview-settings-')), 'settings.json');
  const cores: AppController[] = [];
  const newCore = (version: string) => {
    const core = new AppController({
      settings: new FileSettingsStore(settingsPath),
      secrets: new MemorySecretStore(),
      platform,
      version,
    });
    cores.push(core);
    return core;
  };
  const app = newCore('test');
  await app.start();
  const preview = await startPreview({ controller: app, staticDir: root, effects: () => platform.effects });
  ref.preview = preview;
  return {
    app,
    preview,
    newCore,
    async stop() {
      await preview.stop();
      for (const core of cores) await core.stop().catch(() => undefined);
    },
  };
}
