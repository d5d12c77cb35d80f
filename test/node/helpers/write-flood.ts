// A server floods the app core with agent-state changes or short calls: which files the core
// writes, when, how many fsyncs that costs, and how long the event loop stalls meanwhile. The
// writes are counted on node:fs itself (whatever function the core uses), so the count holds for
// any way of writing. Used by a test (which asserts) and the benchmark (which prints the figures).
import fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { waitFor } from './raw-client.ts';
import { floodedCore } from './push-flood.ts';

/** Every file replaced (renamed onto) with the time, and every fsync, in this process. */
export async function countFileWrites() {
  const writes: { file: string; at: number }[] = [];
  let fsyncs = 0;
  const rename = fs.renameSync;
  const renameAsync = fsp.rename;
  const fsyncSync = fs.fsyncSync;
  fs.renameSync = (from, to) => {
    rename(from, to);
    writes.push({ file: basename(String(to)), at: performance.now() });
  };
  fs.promises.rename = async (from, to) => {
    await renameAsync(from, to);
    writes.push({ file: basename(String(to)), at: performance.now() });
  };
  fs.fsyncSync = (fd) => {
    fsyncs++;
    fsyncSync(fd);
  };
  // A FileHandle's class is not exported: any handle's prototype is it.
  const probe = await fsp.open(process.execPath, 'r');
  const fileHandle = Object.getPrototypeOf(probe) as fsp.FileHandle;
  await probe.close();
  const sync = fileHandle.sync;
  const datasync = fileHandle.datasync;
  fileHandle.sync = function (this: fsp.FileHandle) {
    fsyncs++;
    return sync.call(this);
  };
  fileHandle.datasync = function (this: fsp.FileHandle) {
    fsyncs++;
    return datasync.call(this);
  };
  syncBuiltinESMExports();
  return {
    writes,
    get fsyncs() {
      return fsyncs;
    },
    /** The times (performance.now) `file` was replaced. */
    of: (file: string) => writes.filter((w) => w.file === file).map((w) => w.at),
    restore() {
      fs.renameSync = rename;
      fs.promises.rename = renameAsync;
      fs.fsyncSync = fsyncSync;
      fileHandle.sync = sync;
      fileHandle.datasync = datasync;
      syncBuiltinESMExports();
    },
  };
}

export type Flood = 'agent-states' | 'short-calls';

const agentEvent = (id: number) =>
  JSON.stringify({ fname: 'event', id, this: '1001', monitor: '1001', agent: { id: '1001', reason: 0, wmode: 1 } });
const callEvent = (id: number, c1: number) =>
  JSON.stringify({
    fname: 'event',
    id,
    this: '1001',
    monitor: '1001',
    cnid: `W${c1}`,
    call: { c1, ctype: 1, other: `0101${c1}` },
  });

/**
 * The frames of the flood, in the order sent: agent Ready / Not ready alternating, then After
 * work (the mark that all of it arrived); or calls that ring and end at once.
 */
function floodFrames(flood: Flood, count: number): string[] {
  if (flood === 'agent-states')
    return [...Array.from({ length: count }, (_, i) => agentEvent(i % 2 ? 203 : 204)), agentEvent(206)];
  return Array.from({ length: count }, (_, i) => [callEvent(4, i + 1), callEvent(1, i + 1)]).flat();
}

export interface WriteFloodResult {
  seconds: number;
  /** Event-loop delay while the flood was absorbed (ms). */
  stallP99Ms: number;
  stallMaxMs: number;
  writes: { file: string; at: number }[];
  fsyncs: number;
  /** The folder of the settings, history and agent state. */
  dir: string;
}

/** Floods a fresh app core, waits until it has absorbed the flood, stops it (a clean quit). */
export async function writesUnderFlood(flood: Flood, count: number): Promise<WriteFloodResult> {
  const server = new Worker(new URL('./flood-server.worker.mjs', import.meta.url));
  const port = await new Promise<number>((resolve) => server.once('message', (m: { port: number }) => resolve(m.port)));
  const { app, dir } = floodedCore(`ws://127.0.0.1:${port}`);
  const counted = await countFileWrites();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  try {
    await app.start();
    await waitFor(() => app.getState().core.connection.status === 'connected' || undefined, 8000, 'connected');
    const frames = floodFrames(flood, count);
    const started = performance.now();
    delay.enable();
    server.postMessage({ frames });
    await waitFor(
      () =>
        flood === 'agent-states'
          ? app.getState().core.agent.state === 'afterWork' || undefined
          : app.getState().history.recent[0]?.number === `0101${count}` || undefined,
      120_000,
      'the flood absorbed',
    );
    delay.disable();
    const seconds = (performance.now() - started) / 1000;
    return {
      seconds,
      stallP99Ms: delay.percentile(99) / 1e6,
      stallMaxMs: delay.max / 1e6,
      writes: [...counted.writes],
      fsyncs: counted.fsyncs,
      dir,
    };
  } finally {
    await app.stop();
    counted.restore();
    server.postMessage({ stop: true });
    await new Promise((resolve) => server.once('exit', resolve));
  }
}
