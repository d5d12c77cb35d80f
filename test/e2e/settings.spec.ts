// The settings form in Chromium through the preview: refusals by their fields in words, all at
// once, the first one focused; a save said to screen readers; list lines named; fields the
// organisation's policy sets shown read-only and refused by the core however they are sent.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import type { SaveSettingsResult } from '../../src-main/common/ipc/contract.ts';
import { logOff, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

/** Uncaught errors in the page (a Svelte crash such as each_key_duplicate), from now on. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('three bad fields: three messages by their fields, with their names, at once; the first focused; "Saved" said politely', async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  const panel = page.getByTestId('settings-panel');
  await page.getByTestId('set-endpoints').fill('http://not-a-websocket');
  await page.getByTestId('set-device').fill('');
  await page.getByTestId('set-group').fill('');
  await page.getByTestId('btn-save-settings').click();

  await expect(panel.locator('[data-testid^="err-"]')).toHaveCount(3);
  await expect(page.getByTestId('err-server.endpoints')).toHaveText(
    'Servers: line 1 (“http://not-a-websocket”): Enter a server address starting with ws:// or wss:// (e.g. ws://10.0.0.5:8877).',
  );
  await expect(page.getByTestId('err-agent.device')).toHaveText('Extension (DN): Required.');
  await expect(page.getByTestId('err-agent.group')).toHaveText('Group: Enter a number.');
  for (const [input, field] of [
    ['set-endpoints', 'server.endpoints'],
    ['set-device', 'agent.device'],
    ['set-group', 'agent.group'],
  ] as const) {
    await expect(page.getByTestId(input)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId(input)).toHaveAttribute('aria-describedby', `err-${field}`);
  }
  await expect(page.getByTestId('set-group')).toHaveAccessibleDescription('Group: Enter a number.');
  // The first refused field in the form's order: the agent's fields come first (issue 25, item 11).
  await expect(page.getByTestId('set-device')).toBeFocused();
  await expect(panel.getByRole('status')).toHaveText('');

  await page.getByTestId('set-endpoints').fill(env.sim.endpoints.join('\n'));
  await page.getByTestId('set-device').fill('1001');
  await page.getByTestId('set-group').fill('401');
  await page.getByTestId('btn-save-settings').click();
  await expect(panel.getByRole('status')).toHaveText('Saved.');
  await expect(panel.getByRole('status')).toHaveAttribute('aria-live', 'polite');
  await expect(panel.locator('[data-testid^="err-"]')).toHaveCount(0);
  await expect(page.getByTestId('set-group')).toHaveAttribute('aria-invalid', 'false');
});

test('the form in sections under headings, the password among the server fields, where it is kept said in words', async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  const panel = page.getByTestId('settings-panel');
  // The agent's first; the hooks (for IT) under the closed Advanced, out of the headings until opened.
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText([
    'Agent',
    'Server',
    'Screen pop',
    'Notifications',
    'Ring',
    'Queue alerts',
    'Shortcuts',
    'Directory and dialling',
    'Call data',
    'Toolbar',
  ]);
  const server = panel.getByRole('region', { name: 'Server' });
  await expect(server.getByLabel('Password')).toBeVisible();
  await expect(server.getByTestId('password-kept')).toHaveText(
    'A password is set. Kept only while the app runs: asked again at each start.',
  );
  await expect(server.getByLabel('Password')).toHaveAccessibleDescription(
    'A password is set. Kept only while the app runs: asked again at each start.',
  );
});

test('in Korean: the field names and "저장했습니다."', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings({}, 'ko') });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  await page.getByTestId('set-group').fill('');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('err-agent.group')).toHaveText('그룹: 숫자를 입력하세요.');
  await page.getByTestId('set-group').fill('401');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('settings-panel').getByRole('status')).toHaveText('저장했습니다.');
});

test('not-ready reasons repeated or out of 1-9, and a directory line without a comma: refused by their lines; nothing breaks', async ({
  page,
}) => {
  const errors = pageErrors(page);
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  // Listed by name as typed: the built-in word for a code with no label of its own.
  await page.getByTestId('set-reasons').fill('1 = Coffee\n2 =\n1 = Tea\n12 = Coaching\nCoaching');
  await expect(page.getByTestId('set-reasons-shown')).toContainText('2 Meal');
  await page.getByTestId('set-directory').fill('Supervisor Kim, 1009\nBilling team 1004');
  await page.getByTestId('btn-save-settings').click();

  const reasons = page.getByTestId('err-agent.notReadyReasons');
  await expect(reasons).toContainText(
    'Not-ready reasons: line 3 (“1 = Tea”): This code is already on another line: each code once.',
  );
  await expect(reasons).toContainText('Not-ready reasons: line 4 (“12 = Coaching”): Use a code from 1 to 9.');
  await expect(reasons).toContainText(
    'Not-ready reasons: line 5 (“Coaching”): no code: write it as code = label, e.g. 1 = Break.',
  );
  await expect(page.getByTestId('err-directory')).toHaveText(
    'Directory: line 2 (“Billing team 1004”): no comma: write it as name, number.',
  );
  await expect(page.getByTestId('set-reasons')).toBeFocused();

  // Nothing was kept (the file still has the reasons it had), and the toolbar goes on without a crash.
  const kept = JSON.parse(readFileSync(env.preview.settingsPath, 'utf8')) as {
    agent: { notReadyReasons: { code: number }[] };
  };
  expect(kept.agent.notReadyReasons.map((r) => r.code)).toEqual([1, 2, 3, 4, 5]);
  await page.getByTestId('toggle-settings').click();
  await page.getByTestId('btn-logon').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
  expect(errors).toEqual([]);
  await logOff(page);
});

test('a screen-pop template with a placeholder not closed is refused beside it', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  await page.getByTestId('set-pop-template').fill('https://crm.example.com/search?ani={ani');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('err-screenPop.template')).toHaveText(
    'CRM URL template: A placeholder is not closed: {ani. Write it as {ani}.',
  );
  await expect(page.getByTestId('set-pop-template')).toBeFocused();
});

test('shortcuts read as Ctrl+Alt+A; typed so, they are kept as the same keys', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  await expect(page.getByTestId('set-shortcut-answer')).toHaveValue('Ctrl+Alt+A');
  await page.getByTestId('set-shortcut-hangup').fill('ctrl + shift + f9');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.getByTestId('toggle-settings').click();
  await page.getByTestId('toggle-settings').click();
  await expect(page.getByTestId('set-shortcut-hangup')).toHaveValue('Ctrl+Shift+F9');
});

test("fields the organisation's policy sets are read-only with the mark, and a changed value is refused even sent directly", async ({
  page,
}) => {
  const template = 'https://crm.example.com/search?ani={ani}';
  env.preview = await startPreview({
    settings: env.settings(),
    policy: {
      version: 1,
      defaults: { server: { endpoints: env.sim.endpoints }, screenPop: { template } },
      locked: ['server.endpoints', 'screenPop.template'],
    },
  });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  const panel = page.getByTestId('settings-panel');
  await expect(page.getByTestId('set-pop-template')).toHaveValue(template);
  for (const input of ['set-endpoints', 'set-pop-template']) {
    await expect(page.getByTestId(input)).not.toBeEditable();
    await expect(page.getByTestId(input)).toHaveAccessibleName(/Set by your organisation/);
  }
  await expect(panel.getByTestId('locked-mark')).toHaveCount(2);
  await expect(panel.getByText('Set by your organisation')).toHaveCount(2);
  await expect(page.getByTestId('set-device')).toBeEditable();

  // The rest of the form is saved as usual, the locked values with it unchanged.
  await page.getByTestId('set-group').fill('402');
  await page.getByTestId('btn-save-settings').click();
  await expect(panel.getByRole('status')).toHaveText('Saved.');

  // A page that goes round the form, straight to the bridge: refused by the core.
  const result = await page.evaluate(async (changed): Promise<SaveSettingsResult> => {
    const params = new URLSearchParams(location.search);
    const url = new URL(params.get('bridge')!);
    url.searchParams.set('token', params.get('token')!);
    const ws = new WebSocket(url);
    const next = (type: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        ws.onmessage = (m) => {
          const data = JSON.parse(String(m.data)) as Record<string, unknown>;
          if (data.type === type) resolve(data);
        };
      });
    const { state } = (await next('state')) as {
      state: { settings: { settings: { screenPop: { template: string } } } };
    };
    const settings = structuredClone(state.settings.settings);
    settings.screenPop.template = changed;
    const reply = next('result');
    ws.send(JSON.stringify({ type: 'command', id: 1, name: 'saveSettings', args: { settings } }));
    const { result } = (await reply) as { result: SaveSettingsResult };
    ws.close();
    return result;
  }, 'https://elsewhere.example.com/?ani={ani}');
  expect(result.ok).toBe(false);
  expect(!result.ok && result.errors.map((e) => [e.field, e.rule])).toEqual([['screenPop.template', 'locked']]);
  await expect(page.getByTestId('set-pop-template')).toHaveValue(template);
});

test('a policy file that cannot be read is said at the top of the settings', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings(), policy: '{ "version": 1, "locked": [' });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  await expect(page.getByTestId('settings-policy-problem')).toHaveText(
    "Your organisation's settings could not be read. Tell your IT support.",
  );
  await expect(page.getByTestId('locked-mark')).toHaveCount(0);
  await expect(page.getByTestId('set-endpoints')).toBeEditable();
});

test("CRM windows at most: offered for the app's own window; 3 kept, 9 refused beside it", async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  await page.getByTestId('set-pop-open-in').selectOption('browser');
  await expect(page.getByTestId('set-pop-max-windows')).toHaveCount(0);
  await page.getByTestId('set-pop-open-in').selectOption('app');
  const field = page.getByRole('spinbutton', { name: /CRM windows open at most/ });
  await expect(field).toHaveValue('1');
  await field.fill('9');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('err-screenPop.maxWindows')).toContainText('CRM windows:');
  await expect(field).toBeFocused();
  await field.fill('3');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  const kept = JSON.parse(readFileSync(env.preview.settingsPath, 'utf8')) as { screenPop: { maxWindows: number } };
  expect(kept.screenPop.maxWindows).toBe(3);
});

test('Cancel consult offered after: 700 refused beside it, 25 kept in the file (issue 25, item 9)', async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  const field = page.getByRole('spinbutton', { name: /Offer Cancel consult/ });
  await expect(field).toHaveValue('10');
  await field.fill('700');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('err-calls.consultCancelOfferSeconds')).toContainText('Cancel consult offered after:');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('25');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  const kept = JSON.parse(readFileSync(env.preview.settingsPath, 'utf8')) as {
    calls: { consultCancelOfferSeconds: number };
  };
  expect(kept.calls.consultCancelOfferSeconds).toBe(25);
});
