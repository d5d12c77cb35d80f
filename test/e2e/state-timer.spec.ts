// The agent state's timer after a call counts from the call's end, as agents read it (issue 25,
// item 5): "Ready 0:01" after the call, not the Ready that ran on through the call.
import { test, expect } from '@playwright/test';
import { fitWindow, logOff, readyAgent, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

test('Ready before a call, a call of a few seconds: after it the timer starts again from 0:00', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await fitWindow(page, env.preview);
  await readyAgent(page);
  const timer = page.getByTestId('agent-timer');
  await expect(timer).toHaveText('0:03', { timeout: 6000 });
  const { c1 } = (await env.sim.post('/inbound', { from: '01066667777', to: '1001' })) as { c1: number };
  const card = page.getByTestId(`call-${c1}`);
  await card.getByTestId('btn-answer').click();
  await expect(card).toHaveAttribute('data-phase', 'connected');
  await page.waitForTimeout(3000);
  await card.getByTestId('btn-hangup').click();
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
  // Ready since 6 s or more; the call ended just now.
  await expect(timer).toHaveText(/^0:0[01]$/);
  await logOff(page);
});
