// The map of the code cannot drift: docs/layout.md is what `npm run layout` makes from the files'
// first comments today, every file has one, and README's Layout names every folder of the map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAP_FILE, ROOT, firstSentence, layoutMap, mappedFiles } from '../../tools/layout-map.ts';

test('firstSentence: a line comment, a block comment, a Svelte file’s comment before or inside <script>', () => {
  assert.equal(firstSentence('// The dial pad. More words.\n// Second line.\nimport x;'), 'The dial pad');
  assert.equal(
    firstSentence('// One sentence over\n// two lines, e.g. this.\nconst a = 1;'),
    'One sentence over two lines, e.g. this',
  );
  assert.equal(
    firstSentence('/**\n * Decoding what nxproxy_rio sends.\n */\nexport {};'),
    'Decoding what nxproxy_rio sends',
  );
  assert.equal(firstSentence('<!-- The bar: who and how. -->\n<script lang="ts">'), 'The bar: who and how');
  assert.equal(firstSentence('<script lang="ts">\n  // One call as a card.\n  import x;'), 'One call as a card');
  assert.equal(firstSentence('import { mount } from "svelte";\n// late comment'), undefined);
  assert.equal(firstSentence('#!/usr/bin/env node\n'), undefined);
  assert.equal(firstSentence('// a | b.'), 'a \\| b', 'a table cell stays one cell');
  const long = firstSentence(`// ${'word '.repeat(60)}end.`)!;
  assert.ok(long.length <= 160 && long.endsWith(' …'), long);
});

test(`${MAP_FILE} is the map the code makes today (run \`npm run layout\` after adding, moving or re-describing a file)`, () => {
  const written = readFileSync(join(ROOT, MAP_FILE), 'utf8');
  assert.equal(written, layoutMap(mappedFiles()));
});

test('every mapped file says what it is in its first comment', () => {
  const silent = mappedFiles()
    .filter((f) => f.says === undefined)
    .map((f) => f.path);
  assert.deepEqual(silent, []);
});

test('README’s Layout names every folder of the map, and links to the map', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const layout = /\n## Layout\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  assert.ok(layout.includes('(docs/layout.md)'), 'README links to the map');
  const folders = [...new Set(mappedFiles().map((f) => f.path.slice(0, f.path.lastIndexOf('/') + 1)))];
  const missing = folders.filter((folder) => !layout.includes(`\`${folder}\``));
  assert.deepEqual(missing, []);
});
