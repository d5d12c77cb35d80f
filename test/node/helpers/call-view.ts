import type { CallView } from '../../../src-main/common/state/types.ts';

/** A call as the toolbar holds it: inbound and connected from time 0, with `extra` over that. */
export const callView = (c1: number, extra: Partial<CallView> = {}): CallView => ({
  key: c1,
  c1,
  direction: 'inbound',
  phase: 'connected',
  consult: false,
  placedByMe: false,
  parties: [],
  startedAt: 0,
  since: 0,
  lastEventAt: 0,
  ...extra,
});
