// Call data from the dial pad and the consult / transfer form (issue 27, item 1): a note and the
// site's fields, counted in UTF-8 bytes as the agent types; over the limit the form says by how
// many bytes and the buttons wait; sent, the called phone's ringing event carries them (a raw
// client at the simulator sees it). English and Korean, at the desktop window's size.
import WebSocket from 'ws';
import { test, expect } from '@playwright/test';
import { fitWindow, logOff, readyAgent, simulatorForFile, startPreview, talkingInPreview } from './fixtures.ts';

const env = simulatorForFile();
const callData = { fields: [{ key: 'ticket', label: 'Ticket' }] };

type Ringing = { call?: { c1?: unknown; uui?: string }; attach?: { ci?: string; uei?: string } };

/** A phone at `device` watched at the switch: the Delivered events there, as received. */
async function watch(device: string): Promise<{ rings: Ringing[]; close(): void }> {
  const ws = new WebSocket(env.sim.endpoints[0]!);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const rings: Ringing[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Ringing & { fname: string; id?: unknown; this?: string };
    if (frame.fname === 'event' && Number(frame.id) === 4 && frame.this === device) rings.push(frame);
  });
  ws.send(JSON.stringify({ fname: 'login', id: 'cube', pwd: 'cube123' }));
  ws.send(JSON.stringify({ fname: 'addmonitor', device }));
  await new Promise((r) => setTimeout(r, 200));
  return { rings, close: () => ws.terminate() };
}

for (const [lang, words] of [
  ['en', { title: 'Call data', over: '2 bytes over its limit of 256 bytes', size: 'Note: 9 of 256 bytes' }],
  ['ko', { title: '통화 정보', over: '256바이트를 2바이트 넘었습니다', size: '메모: 9 / 256바이트' }],
] as const) {
  test(`${lang}: the dial pad sends a note and a field; over 256 bytes the form says by how much and Call waits`, async ({
    page,
  }) => {
    const phone = await watch('1002');
    try {
      env.preview = await startPreview({ settings: env.settings({ callData }, lang) });
      await page.goto(env.preview.url);
      await fitWindow(page, env.preview);
      await readyAgent(page);
      await page.getByTestId('toggle-dialpad').click();
      await page.getByTestId('dial-number').fill('1002');
      const form = page.getByTestId('dial-panel').getByTestId('send-data');
      await form.getByTestId('send-data-toggle').click();
      await expect(form.getByTestId('send-data-toggle')).toHaveText(words.title);
      const note = form.getByTestId('send-data-note');
      await note.fill('가'.repeat(86)); // 258 bytes
      await expect(form.getByTestId('send-data-error')).toContainText(words.over);
      await expect(note).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByTestId('btn-dial')).toBeDisabled();
      await note.fill('환불 문의'); // 4 Hangul letters and a space: 13 bytes
      await expect(form.getByTestId('send-data-error')).toHaveCount(0);
      await note.fill('VI 고객'); // 2 + 1 + 6 = 9 bytes
      await expect(form.getByTestId('send-data-note-size')).toHaveText(words.size);
      await form.getByTestId('send-data-field-ticket').fill('T-42&x');
      await page.getByTestId('btn-dial').click();
      await expect.poll(() => phone.rings.length).toBe(1);
      expect(phone.rings[0]!.call?.uui).toBe('VI 고객');
      expect(phone.rings[0]!.attach?.ci).toBe('ticket=T-42%26x');
      await expect(page.getByTestId('dial-number'), 'sent: the form is cleared').toHaveValue('');
      const c1 = Number(phone.rings[0]!.call?.c1);
      await page.getByTestId(`call-${c1}`).getByTestId('btn-hangup').click();
      await expect(page.getByTestId(`call-${c1}`)).toHaveCount(0);
      await logOff(page);
    } finally {
      phone.close();
    }
  });

  test(`${lang}: the transfer form waits while the fields are over 1,024 bytes; Transfer now sends the note and field to the colleague`, async ({
    page,
  }) => {
    const phone = await watch('1003');
    try {
      const { card } = await talkingInPreview(page, env, '01012340000', env.settings({ callData }, lang));
      await card.getByTestId('toggle-transfer').click();
      await card.getByTestId('target-number').fill('1003');
      const form = card.getByTestId('send-data');
      await form.getByTestId('send-data-toggle').click();
      await form.getByTestId('send-data-field-ticket').fill('가'.repeat(400)); // "ticket=" + 1200 bytes
      await expect(form.getByTestId('send-data-error')).toBeVisible();
      await expect(card.getByTestId('btn-consult-transfer')).toBeDisabled();
      await expect(card.getByTestId('btn-sstransfer')).toBeDisabled();
      await form.getByTestId('send-data-field-ticket').fill('T-7');
      await form.getByTestId('send-data-note').fill('결제 건 협의');
      await card.getByTestId('btn-sstransfer').click();
      await expect.poll(() => phone.rings.length).toBe(1);
      expect(phone.rings[0]!.call?.uui).toBe('결제 건 협의');
      expect(phone.rings[0]!.attach?.ci).toBe('ticket=T-7');
      await logOff(page);
    } finally {
      phone.close();
    }
  });
}

test('ko: the settings form keeps the call data fields and the record id rule; the dial pad then offers the fields', async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings({}, 'ko') });
  await page.goto(env.preview.url);
  await fitWindow(page, env.preview);
  await page.getByTestId('toggle-settings').click();
  const section = page.getByTestId('settings-section-call-data');
  await expect(section.getByRole('heading')).toHaveText('통화 정보');
  await section.getByTestId('set-call-data-fields').fill('ticket 티켓 번호');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('err-callData.fields')).toContainText('쉼표가 없습니다. 키, 이름 형식으로 쓰세요.');
  await section.getByTestId('set-call-data-fields').fill('ticket, 티켓 번호\ntopic, 문의 유형');
  await section.getByTestId('set-record-id-from').selectOption('query');
  await section.getByTestId('set-record-id-query').fill('id');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('settings-panel').getByRole('status')).toHaveText('저장했습니다.');

  await page.getByTestId('toggle-dialpad').click();
  const form = page.getByTestId('dial-panel').getByTestId('send-data');
  await form.getByTestId('send-data-toggle').click();
  await expect(form.getByText('티켓 번호')).toBeVisible();
  await expect(form.getByText('문의 유형')).toBeVisible();
  await page.getByTestId('toggle-settings').click();
  await expect(section.getByTestId('set-record-id-from')).toHaveValue('query');
  await expect(section.getByTestId('set-record-id-query')).toHaveValue('id');
});

test('ko: a clicked link offered first says what it will send; Dial sends it, a link too long is refused in words', async ({
  page,
}) => {
  const phone = await watch('1002');
  try {
    env.preview = await startPreview({ settings: env.settings({ callData }, 'ko') });
    await page.goto(env.preview.url);
    await readyAgent(page);
    const click = async (link: string) => {
      const preview = env.preview!;
      const url = `${preview.origin}/__dial-link?token=${encodeURIComponent(preview.token)}&url=${encodeURIComponent(link)}`;
      expect((await fetch(url, { method: 'POST' })).status).toBe(204);
    };
    await click(`tel:1002?uui=${'%EA%B0%80'.repeat(90)}`);
    await expect(page.getByTestId('error-banner')).toContainText('링크로 전화를 걸지 않았습니다');
    await expect(page.getByTestId('error-banner')).toContainText('256바이트를 14바이트 넘었습니다');
    await expect(page.getByTestId('pending-dial')).toHaveCount(0);

    await click('tel:1002?uui=%ED%99%98%EB%B6%88&ticket=T-42');
    const offer = page.getByTestId('pending-dial');
    await expect(offer.getByTestId('pending-dial-data')).toHaveText('함께 보낼 통화 정보: 환불 · Ticket: T-42');
    await expect(offer).toHaveAccessibleDescription('함께 보낼 통화 정보: 환불 · Ticket: T-42');
    await offer.getByTestId('btn-confirm-dial').click();
    await expect.poll(() => phone.rings.length).toBe(1);
    expect(phone.rings[0]!.call?.uui).toBe('환불');
    expect(phone.rings[0]!.attach?.ci).toBe('ticket=T-42');
    const c1 = Number(phone.rings[0]!.call?.c1);
    await page.getByTestId(`call-${c1}`).getByTestId('btn-hangup').click();
    await logOff(page);
  } finally {
    phone.close();
  }
});
