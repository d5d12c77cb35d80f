// The rooms of src-main/node import one way, read from the real import graph (TypeScript's own
// reading of each file's imports): a room imports only rooms on a lower level, so node/app stands
// on settings, session, files and time and none of them ever reaches back into it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const NODE = join(ROOT, 'src-main', 'node');

/**
 * Each room's level: a room may import common and the rooms of lower levels, never its own level's
 * other rooms nor a higher one. A new room gets a level here (README's Layout says the same).
 */
const LEVELS: Readonly<Record<string, number>> = {
  time: 0, // the clock and the burst limit
  windows: 0, // PowerShell, Authenticode
  session: 1, // the session core
  files: 1, // atomic writes, the write-behind
  simulator: 1, // the nxproxy_rio simulator
  settings: 2, // the settings and policy on disk, and the store interfaces
  app: 3, // the app core
  preview: 4, // the browser preview
  cli: 5, // the launcher (it falls back to the preview) and the probe
};

interface Edge {
  from: string;
  to: string;
}

function roomOf(path: string): string | undefined {
  const inside = relative(NODE, path);
  if (inside.startsWith('..')) return undefined;
  return inside.split(/[\\/]/)[0];
}

/** Every import (static, dynamic, export … from) of every TypeScript file under src-main/node. */
function nodeImports(): Edge[] {
  const edges: Edge[] = [];
  for (const entry of readdirSync(NODE, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles)
      if (fileName.startsWith('.'))
        edges.push({ from: relative(ROOT, file), to: relative(ROOT, resolve(dirname(file), fileName)) });
  }
  return edges;
}

const edges = nodeImports();
const roomEdges = edges
  .map((e) => ({ ...e, fromRoom: roomOf(join(ROOT, e.from)), toRoom: roomOf(join(ROOT, e.to)) }))
  .filter((e) => e.toRoom !== undefined && e.fromRoom !== e.toRoom);

test('every room of src-main/node has a level (a file directly in node/ has none: it goes in a room)', () => {
  const rooms = new Set(edges.map((e) => roomOf(join(ROOT, e.from))!));
  for (const entry of readdirSync(NODE, { withFileTypes: true })) rooms.add(entry.name);
  assert.deepEqual(
    [...rooms].filter((room) => !(room in LEVELS)),
    [],
  );
});

test('the graph is read: node/app imports settings, session, files and time; preview imports app', () => {
  const pairs = new Set(roomEdges.map((e) => `${e.fromRoom} → ${e.toRoom}`));
  for (const pair of ['app → settings', 'app → session', 'app → files', 'app → time', 'preview → app'])
    assert.ok(pairs.has(pair), pair);
});

test('a room imports only rooms of a lower level: nothing below node/app imports it', () => {
  const upward = roomEdges.filter((e) => LEVELS[e.fromRoom!]! <= LEVELS[e.toRoom!]!).map((e) => `${e.from} → ${e.to}`);
  assert.deepEqual(upward, []);
});
