// nxproxy_rio has no snapshot request: what happened to calls while the link was down cannot be
// asked. After a reconnect the agent is told so once, with how long the gap was, instead of the
// toolbar silently showing what it learned before.
import { both } from '../../common/i18n/index.ts';
import type { Plain } from '../../common/protocol/catalogue.ts';
import type { CoreState } from '../../common/state/types.ts';

export class GapNotice {
  private wasConnected = false;
  private lostAt: number | undefined;

  constructor(private readonly tell: (message: Plain) => void) {}

  follow(core: CoreState): void {
    const connected = core.connection.status === 'connected';
    if (this.wasConnected && !connected) this.lostAt ??= core.connection.lastClose?.at ?? core.connection.since;
    if (connected && this.lostAt !== undefined) {
      const seconds = Math.max(1, Math.round((core.connection.since - this.lostAt) / 1000));
      this.tell(both('notice.reconnectedGap', { seconds }));
      this.lostAt = undefined;
    }
    this.wasConnected ||= connected;
  }
}
