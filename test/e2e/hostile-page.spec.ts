// A hostile web page in Chromium, on the same machine as the simulator and the preview (its demo),
// tries what the security review did: no-cors POSTs to the control ports (ring the agent, break
// the switch), WebSocket logins with the built-in password, the preview's bridge without its
// token, and the requests that used to end the preview's process. Nothing rings, nothing breaks,
// and the toolbar still answers. The page is given every port (a scan of the ephemeral range
// finds them in seconds; a scan is not what is tested here, what it would find is).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { controlClient } from '../node/helpers/control-client.ts';
import { startPreview, startSim, type PreviewProcess, type Sim } from './fixtures.ts';

const HOSTILE_CALLER = '07000000666';

interface Targets {
  controls: string[];
  sockets: string[];
  preview: string;
}

/** The page: every attack it knows, then `window.__report`. */
function hostilePage(targets: Targets): string {
  const attack = async (t: Targets, caller: string) => {
    const report = { opened: [] as string[], frames: [] as string[], bridgeOpened: false, errors: 0 };
    const noCors = (url: string, init: RequestInit = {}) =>
      fetch(url, { ...init, mode: 'no-cors' }).catch(() => (report.errors += 1));
    for (const control of t.controls) {
      for (const to of ['401', '1001']) {
        const ring = JSON.stringify({ from: caller, to, uui: 'hostile', attach: { ci: 'hostile' } });
        await noCors(`${control}/inbound`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: ring });
        await noCors(`${control}/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer guess' },
          body: ring,
        });
        await fetch(`${control}/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: ring,
        }).catch(() => (report.errors += 1));
      }
      await noCors(`${control}/faults`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{"kind":"down"}',
      });
      await noCors(`${control}/faults`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{"kind":"restart"}',
      });
      await noCors(`${control}/state`);
    }
    await Promise.all(
      t.sockets.map(
        (url) =>
          new Promise<void>((resolve) => {
            const ws = new WebSocket(url);
            ws.onopen = () => {
              report.opened.push(url);
              ws.send(JSON.stringify({ fname: 'login', id: 'cube', pwd: 'cube123' }));
              ws.send(JSON.stringify({ fname: 'addmonitor', device: '1001' }));
              ws.send(JSON.stringify({ fname: 'dial', this: '1001', called: caller }));
            };
            ws.onmessage = (m) => report.frames.push(String(m.data));
            ws.onclose = () => resolve();
            setTimeout(() => {
              ws.close();
              resolve();
            }, 2000);
          }),
      ),
    );
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(`${t.preview.replace('http', 'ws')}/bridge?token=guess`);
      ws.onopen = () => (report.bridgeOpened = true);
      ws.onclose = () => resolve();
      setTimeout(resolve, 2000);
    });
    // The requests that used to end the preview and the core with it.
    for (const path of ['/%E0%A4%A', '//[', '/..%2f..%2fetc%2fpasswd', '/%']) await noCors(`${t.preview}${path}`);
    return report;
  };
  return `<!doctype html><title>cheap flights</title><script>
    window.__report = (${attack.toString()})(${JSON.stringify(targets)}, ${JSON.stringify(HOSTILE_CALLER)});
  </script>`;
}

let sim: Sim;
let preview: PreviewProcess;
let site: Server;
let siteOrigin: string;
let page = '';

test.beforeAll(async () => {
  sim = await startSim();
  preview = await startPreview();
  site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', () => resolve()));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  site?.close();
  await preview?.stop();
  await sim?.stop();
});

test('a hostile page rings nothing, logs in nowhere, breaks nothing; the toolbar still answers', async ({
  browser,
}) => {
  await expect.poll(() => preview.demo(), { message: 'the preview printed its demo simulator' }).toBeTruthy();
  const demo = preview.demo()!;
  const demoControl = controlClient({ url: demo.control, token: demo.controlToken });
  page = hostilePage({
    controls: [sim.control, demo.control],
    sockets: [...sim.endpoints, demo.endpoint],
    preview: preview.origin,
  });

  const attacker = await browser.newPage();
  await attacker.goto(siteOrigin);
  const report = await attacker.evaluate(
    () =>
      (window as unknown as { __report: Promise<{ opened: string[]; frames: string[]; bridgeOpened: boolean }> })
        .__report,
  );
  expect(report.opened, 'no WebSocket opened for the page').toEqual([]);
  expect(report.frames).toEqual([]);
  expect(report.bridgeOpened).toBe(false);

  type State = {
    calls: { parties: { device: string }[] }[];
    endpoints: { listening: boolean; middlewareUp: boolean }[];
    sessions: { user?: string }[];
  };
  for (const state of [(await sim.state()) as unknown as State, (await demoControl.get('/state')).body as State]) {
    expect(JSON.stringify(state.calls)).not.toContain(HOSTILE_CALLER);
    expect(
      state.endpoints.every((e) => e.listening && e.middlewareUp),
      'nothing taken down',
    ).toBe(true);
  }
  const effects = await preview.effects();
  expect(JSON.stringify(effects), 'no notification, screen pop or raise for the page').not.toContain(HOSTILE_CALLER);

  const toolbar = await browser.newPage();
  await toolbar.goto(preview.url);
  await expect(toolbar.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await expect(toolbar.getByTestId('demo-badge')).toBeVisible();
  // The simulator's control port still works for whoever holds the token.
  const { c1 } = (await sim.post('/inbound', { from: '01012345678', to: '1005' })) as { c1: number };
  expect(typeof c1).toBe('number');
  await sim.post('/hangup', { c1 });
});
