// The preview's address without its token (copied without the query, or typed) used to show a
// blank toolbar that could not connect; now a page saying what to do, in English and Korean.
// The address with the token still gets the toolbar (the Host and Origin guards: malformed-http.test.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Preview } from '../../../src-main/node/preview/preview-server.ts';
import { startPreviewRig, type PreviewRig } from './fixtures.ts';

describe('preview: the address without its token', () => {
  let rig: PreviewRig;
  let preview: Preview;
  before(async () => {
    rig = await startPreviewRig();
    preview = rig.preview;
  });
  after(() => rig.stop());

  const isHelp = (body: string) =>
    body.includes('Open the address printed in the terminal') &&
    body.includes('which includes the token') &&
    body.includes('터미널에 출력된 주소') &&
    body.includes('토큰');

  test('without the token, or with a wrong one: a page saying to open the address printed in the terminal, in both languages', async () => {
    for (const path of ['/', '/index.html', '/?token=wrong', `/?bridge=${encodeURIComponent(preview.origin)}`]) {
      const res = await fetch(`${preview.origin}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      const body = await res.text();
      assert.ok(isHelp(body), `${path}: ${body}`);
      assert.match(body, /<section lang="en">.*<section lang="ko">/s);
      assert.doesNotMatch(body, /<title>toolbar<\/title>/, `${path}: not the toolbar`);
      assert.ok(!body.includes(preview.token), 'the page does not give the token away');
    }
  });

  test('with the token (the printed address): the toolbar', async () => {
    const res = await fetch(preview.url);
    assert.equal(res.status, 200);
    const body = await res.text();
    assert.match(body, /<title>toolbar<\/title>/);
    assert.ok(!isHelp(body));
  });
});
