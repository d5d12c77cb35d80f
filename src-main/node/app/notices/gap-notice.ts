// nxproxy_rio has no snapshot request: what happened to calls while the link was down cannot be
// asked. After a reconnect the agent is told so once, with how long the gap was, instead of the
// toolbar silently showing what it learned before. Only a link that worked and was lost is a gap:
// the first connection, and a session replaced on purpose, are not.
import { both } from '../../../common/i18n/index.ts';
import type { Plain } from '../../../common/protocol/catalogue.ts';
import type { CoreState } from '../../../common/state/types.ts';

export class GapNotice {
  private wasConnected = false;
  private lostAt: number | undefined;

  private readonly tell: (message: Plain) => void;

  constructor(tell: (message: Plain) => void) {
    this.tell = tell;
  }

  follow(core: CoreState): void {
    const { status } = core.connection;
    // Stopped on purpose (a new extension, server or password; a restart): the next link is a start, not a gap.
    if (status === 'idle') {
      this.wasConnected = false;
      this.lostAt = undefined;
      return;
    }
    const connected = status === 'connected';
    if (this.wasConnected && status === 'reconnecting')
      this.lostAt ??= core.connection.lastClose?.at ?? core.connection.since;
    if (connected && this.lostAt !== undefined) {
      const seconds = Math.max(1, Math.round((core.connection.since - this.lostAt) / 1000));
      this.tell(both('notice.reconnectedGap', { seconds }));
      this.lostAt = undefined;
    }
    this.wasConnected ||= connected;
  }
}
