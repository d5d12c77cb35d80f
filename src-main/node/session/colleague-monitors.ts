// The monitors of colleagues' lines (the directory's extensions, the first `limit` of them): added
// after the agent's own at every connection, each on its own, and changed at once when the list
// changes while connected.
import type { ColleagueLine } from '../../common/state/colleagues.ts';
import type { Link } from './link.ts';
import type { SessionParts } from './session-parts.ts';

export class ColleagueMonitors {
  private readonly parts: SessionParts;
  /** Colleagues' monitors asked for and not yet answered (each asked once at a time). */
  private readonly adding = new Set<string>();

  constructor(parts: SessionParts) {
    this.parts = parts;
  }

  /**
   * The colleagues' lines to watch (the directory's extensions; the agent's own and its queues
   * are left out), the first `limit` monitored. Connected, the monitors of lines gone (or now over
   * the limit) are removed and those of new ones added at once; after a reconnect all are added again.
   */
  set(devices: readonly string[], limit: number): void {
    const { device: me, queues } = this.parts.config.identity;
    const watchedBefore = this.where((line) => line.monitor === 'watched');
    const lines = devices.filter((d) => d !== me && !queues.includes(d));
    this.parts.dispatch({ type: 'colleagues-set', devices: lines, limit, at: this.parts.now() });
    const link = this.parts.readyLink();
    if (!link) return;
    const watchedNow = this.where((line) => line.monitor !== 'unavailable');
    for (const device of watchedBefore) if (!watchedNow.includes(device)) void this.unwatch(device);
    void this.watchAll(link);
  }

  /** Adds the monitors of the lines waiting for one, all at once (each answer comes on its own). */
  async watchAll(link: Link): Promise<void> {
    const pending = this.where((line) => line.monitor === 'pending' && !this.adding.has(line.device));
    await Promise.all(pending.map((device) => this.watch(link, device)));
  }

  private where(test: (line: ColleagueLine) => boolean): string[] {
    return Object.values(this.parts.state().colleagues ?? {})
      .filter(test)
      .map((line) => line.device);
  }

  private async watch(link: Link, device: string): Promise<void> {
    this.adding.add(device);
    const added = await this.parts.request('addmonitor', { device });
    this.adding.delete(device);
    if (!this.parts.isCurrent(link)) return;
    if (!this.parts.state().colleagues?.[device]) {
      // The line went while its monitor was being added.
      if (added.ok) await this.unwatch(device);
      return;
    }
    if (added.ok) {
      this.parts.dispatch({ type: 'colleague-monitor', device });
      return;
    }
    const refusal = added.kind === 'rejected' || added.kind === 'timeout' ? added.code : added.kind;
    this.parts.log(
      'warn',
      `colleague's line ${device} not watched: addmonitor answered ${refusal} (${added.message.en})`,
    );
    this.parts.dispatch({ type: 'colleague-monitor', device, refusal });
  }

  private async unwatch(device: string): Promise<void> {
    const removed = await this.parts.request('removemonitor', { device });
    if (!removed.ok) this.parts.log('warn', `colleague's line ${device}: removemonitor failed (${removed.message.en})`);
  }
}
