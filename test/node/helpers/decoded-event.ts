// An event as the decoder gives it for a frame a server sends (fname, msid and tag filled in).
import assert from 'node:assert/strict';
import { decodeFrame, type CtiEvent } from '../../../src-main/common/protocol/index.ts';

export function decodedEvent(frame: Record<string, unknown>): CtiEvent {
  const decoded = decodeFrame(JSON.stringify({ fname: 'event', msid: 0, tag: 0, ...frame }));
  assert.equal(decoded.kind, 'event');
  return (decoded as { event: CtiEvent }).event;
}
