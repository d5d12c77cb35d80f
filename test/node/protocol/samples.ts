// One valid request per fname, with the values of the guide's samples (1.4, 1.5.1.1).
import type { ArgsOf, Fname } from '../../../src-main/common/protocol/index.ts';

export const SAMPLES: { [F in Fname]: ArgsOf<F> } = {
  login: { id: 'cube', pwd: 'cube123' },
  logout: { id: 'cube' },
  addmonitor: { device: '1001' },
  removemonitor: { device: '1001' },
  dial: {
    this: '1001',
    called: '1002',
    uui: 'user to user information data',
    attach: { uei: 'user extend information data', ci: 'campaign information data' },
  },
  answer: { this: '1001', c1: 1 },
  clear: { this: '1001', c1: 1 },
  hold: { this: '1001', c1: 1 },
  retrieve: { this: '1001', c1: 1 },
  sstransfer: { this: '1001', c1: 1, called: '1003' },
  consult: { this: '1001', c1: 1, called: '1002', mode: 0, uui: 'user to user information data' },
  transfer: { this: '1001', c1: 1, held: '1002', c2: 2 },
  confer: { this: '1001', c1: 1, held: '1002', c2: 2 },
  bargein: { this: '1009', called: '1002' },
  logon: { this: '1001', agent: { id: '1001', group: 401, channel: 0, wmode: 1 } },
  logoff: { this: '1001', agent: { id: '1001', group: 401, reason: 0 } },
  notready: { this: '1001', agent: { id: '1001', reason: 3 } },
  ready: { this: '1001', agent: { id: '1001', reason: 0 } },
  afterwork: { this: '1001', agent: { id: '1001', reason: 0 } },
};
