// Settings traps (issue 25, item 11): Save stores a password typed into its field; the agent's
// fields come first and IT's are under "Advanced", closed; Save stays in view at the desktop
// window's size; "Clear call history" asks first. Both languages where words are checked.
import { test, expect } from '@playwright/test';
import { fitWindow, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

test('a password typed and Save (not Set password): stored, and the toolbar connects', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings(), password: '' });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  await expect(page.getByTestId('password-kept')).toHaveCount(0);
  await page.getByTestId('set-password').fill('cube123');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await expect(page.getByTestId('password-kept')).toBeVisible();
  await expect(page.getByTestId('set-password')).toHaveValue('');
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
});

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: the agent's fields first, IT's under Advanced (closed), Save in view at the window's size`, async ({
    page,
  }) => {
    env.preview = await startPreview({ settings: env.settings({}, lang) });
    await page.goto(env.preview.url);
    await page.getByTestId('toggle-settings').click();
    await fitWindow(page, env.preview);
    const sections = await page
      .locator('[data-testid^="settings-section-"]')
      .evaluateAll((list) => list.map((s) => s.getAttribute('data-testid')));
    expect(sections[0]).toBe('settings-section-agent');
    expect(sections[1]).toBe('settings-section-server');
    const advanced = page.getByTestId('settings-advanced');
    await expect(advanced).not.toHaveAttribute('open', '');
    await expect(page.getByTestId('settings-advanced-summary')).toHaveText(
      lang === 'en' ? 'Advanced (for IT)' : '고급 (IT 담당자용)',
    );
    for (const it of ['set-ca', 'set-heartbeat', 'set-max-frame', 'settings-section-hooks'])
      await expect(page.getByTestId(it), `${it} folded away`).toBeHidden();
    await expect(page.getByTestId('set-device')).toBeVisible();
    const save = page.getByTestId('btn-save-settings');
    await expect(save, 'Save in view without scrolling').toBeInViewport({ ratio: 1 });
    await page.getByTestId('settings-advanced-summary').click();
    await expect(page.getByTestId('set-heartbeat')).toBeVisible();
    await page.getByTestId('set-heartbeat').scrollIntoViewIfNeeded();
    await expect(save, 'and in view at the end of the form').toBeInViewport({ ratio: 1 });
    // A refused field under Advanced opens it and takes the focus.
    await page.getByTestId('set-heartbeat').fill('99');
    await page.getByTestId('settings-advanced-summary').click();
    await expect(page.getByTestId('set-heartbeat')).toBeHidden();
    await save.click();
    await expect(page.getByTestId('set-heartbeat')).toBeVisible();
    await expect(page.getByTestId('set-heartbeat')).toBeFocused();
  });
}

test('"Clear call history" asks first; Keep keeps it, Clear clears it', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  // A call that rings and is hung up by the caller: a missed call in the history.
  const { c1 } = (await env.sim.post('/inbound', { from: '01066667777', to: '1001' })) as { c1: number };
  await expect(page.getByTestId(`call-${c1}`)).toBeVisible();
  await env.sim.post('/hangup', { c1 });
  await expect(page.getByTestId('missed-badge')).toHaveText('1');
  await page.getByTestId('toggle-settings').click();
  await page.getByTestId('btn-clear-history').click();
  const ask = page.getByTestId('clear-history-ask');
  await expect(ask).toHaveAttribute('role', 'alertdialog');
  await expect(ask).toContainText('cannot be undone');
  await expect(page.getByTestId('btn-clear-history-confirm')).toBeFocused();
  await page.waitForTimeout(300);
  await expect(page.getByTestId('missed-badge'), 'nothing cleared yet').toHaveText('1');
  await page.getByTestId('btn-clear-history-cancel').click();
  await expect(ask).toHaveCount(0);
  await expect(page.getByTestId('missed-badge')).toHaveText('1');
  await page.getByTestId('btn-clear-history').click();
  await page.getByTestId('btn-clear-history-confirm').click();
  await expect(page.getByTestId('missed-badge')).toHaveCount(0);
});
