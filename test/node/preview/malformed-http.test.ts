// The preview runs the app core in its own process: one malformed request used to end both
// (`GET /%E0%A4%A` threw a URIError, `GET //[` an Invalid URL). Now every request and upgrade is
// answered 4xx (400 where the target cannot be parsed) and the preview and its core keep going.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import WebSocket from 'ws';
import type { AppController } from '../../../src-main/node/app/app-controller.ts';
import type { Preview } from '../../../src-main/node/preview/preview-server.ts';
import { attack } from '../helpers/raw-http.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { startPreviewRig, type PreviewRig } from './fixtures.ts';

describe('preview: malformed requests', () => {
  let rig: PreviewRig;
  let preview: Preview;
  let app: AppController;
  before(async () => {
    rig = await startPreviewRig();
    ({ preview, app } = rig);
  });
  after(() => rig.stop());

  const page = async () => (await fetch(`${preview.origin}/`)).status === 200;

  test('bad escapes, bad hosts, huge headers and slow bodies get 4xx; the preview answers meanwhile and after', async () => {
    const { statuses, answeredMeanwhile } = await attack(Number(new URL(preview.origin).port), page);
    for (const { name, status, exact } of statuses) {
      if (exact) assert.equal(status, exact, name);
      else assert.ok(status >= 400 && status < 500, `${name}: ${status}`);
    }
    assert.ok(answeredMeanwhile, 'answered while slow requests dangled');
    assert.ok(await page(), 'answers afterwards');
    const opened = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(
        `${preview.origin.replace('http', 'ws')}/bridge?token=${encodeURIComponent(preview.token)}`,
        { origin: preview.origin },
      );
      ws.once('open', () => {
        ws.terminate();
        resolve(true);
      });
      ws.once('error', () => resolve(false));
    });
    assert.ok(opened, 'the bridge still opens');
    await waitFor(
      () => app.getState().core.connection.status === 'connected' || undefined,
      8000,
      'the core still connected to its demo',
    );
  });

  test('a request naming another host (DNS rebinding) is refused', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(preview.origin);
      request({ host: '127.0.0.1', port, path: '/', headers: { host: `rebind.evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    assert.equal(status, 403);
    assert.ok(await page());
  });
});
