// The Platform of the browser preview: what the Electron shell would do on the desktop is recorded
// (for tests and for the person watching) and screen pops are sent to the page to open as tabs.
import type { Panel } from '../../common/ipc/contract.ts';
import type { Settings } from '../../common/settings/schema.ts';
import type { Effect } from '../../common/state/types.ts';
import type { Platform } from '../app/ports.ts';

export type PreviewEffect =
  | (Extract<Effect, { type: 'notify' | 'queue-alert' }> & { lang: 'ko' | 'en'; at: number })
  | { type: 'stopped-ringing'; c1: number; at: number }
  | { type: 'screen-pop'; url: string; openIn: 'browser' | 'app'; at: number }
  | { type: 'bring-to-front'; at: number }
  | { type: 'panel'; panel: Panel; height: number; at: number };

const MAX_RECORDED = 500;

export class PreviewPlatform implements Platform {
  readonly effects: PreviewEffect[] = [];
  private readonly onScreenPop: (url: string) => void;
  private readonly language: 'ko' | 'en';

  constructor(options: { onScreenPop: (url: string) => void; language?: 'ko' | 'en' }) {
    this.onScreenPop = options.onScreenPop;
    this.language = options.language ?? (/^ko/i.test(process.env.LANG ?? '') ? 'ko' : 'en');
  }

  private record(effect: PreviewEffect): void {
    this.effects.push(effect);
    if (this.effects.length > MAX_RECORDED) this.effects.shift();
  }

  notify(effect: Extract<Effect, { type: 'notify' }>, lang: 'ko' | 'en'): void {
    this.record({ ...effect, lang, at: Date.now() });
  }
  notifyQueueAlert(effect: Extract<Effect, { type: 'queue-alert' }>, lang: 'ko' | 'en'): void {
    this.record({ ...effect, lang, at: Date.now() });
  }
  callStoppedRinging(c1: number): void {
    this.record({ type: 'stopped-ringing', c1, at: Date.now() });
  }
  openScreenPop(url: string, { openIn }: Pick<Settings['screenPop'], 'openIn'>): void {
    this.record({ type: 'screen-pop', url, openIn, at: Date.now() });
    this.onScreenPop(url);
  }
  bringToFront(): void {
    this.record({ type: 'bring-to-front', at: Date.now() });
  }
  setPanel(panel: Panel, height: number): void {
    this.record({ type: 'panel', panel, height, at: Date.now() });
  }
  copyToClipboard(): void {
    // The page copies the text it gets back from copyDiagnostics.
  }
  setAlwaysOnTop(): void {
    // A browser tab cannot stay on top.
  }
  systemLanguage(): 'ko' | 'en' {
    return this.language;
  }
}
