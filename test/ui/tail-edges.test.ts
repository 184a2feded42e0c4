/**
 * The rough edges of the tail and producer panels, met the way a careless or hostile user meets
 * them: a start position the topic cannot have, an empty tail, CEL mistakes (a type error, an
 * evaluation error on every message), a filter that must still be shown after the panel is
 * re-created, bidi control characters in a key, timestamps marked UTC, a resized column that stays;
 * in the producer, the options row, a blank header name and a 10 MB base64 value.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { Cleanup } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { produce } from './support/tail';
import { useWorkbench } from './support/workbench';

const CLUSTER = 'msk-sandbox';
const cleanup = new Cleanup();
let topic = '';
const BIDI_KEY = 'abc\u202Eexe.txt';

const ui = useWorkbench({
  name: 'tail-edges',
  settings: { 'msk.tail.bufferSize': 1000, 'msk.tail.timeZone': 'utc' },
});

before(async () => {
  topic = await cleanup.createTopic('tail-edges', 3);
});
after(() => cleanup.run());

async function tailFrame(text: string | RegExp = new RegExp(`Tail: ${topic}`)): Promise<Frame> {
  return (await ui.wb.waitForWebview(text, 45_000)).frame;
}

async function applyCel(frame: Frame, cel: string): Promise<void> {
  await frame.locator('#filter-text').fill('');
  await frame.locator('#filter-cel').fill(cel);
  await frame.locator('#filter-apply').click();
}

void test('the Clusters view shows a loading line, never the welcome text, until the profile is read', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  const welcome = wb.welcomeContent('Clusters');
  const seen = new Set<string>();
  await waitFor(
    'the sandbox profile in the Clusters view',
    async () => {
      if (await welcome.isVisible()) seen.add(((await welcome.textContent()) ?? '').trim());
      return (await wb.treeItem(/msk-sandbox · us-east-1/, 'Clusters').count()) > 0;
    },
    { timeoutMs: 60_000, intervalMs: 50 },
  );
  for (const text of seen) assert.doesNotMatch(text, /No AWS profile or Kafka connection/, 'no welcome flash');
});

void test('the cluster overview says what the topic count means and why a connector FAILED', async () => {
  const { wb } = ui;
  await wb.runCommand('MSK: Open Cluster Overview');
  await wb.pickQuickItem(CLUSTER);
  const { text } = await wb.waitForWebview(/(?=[\s\S]*internal topic)(?=[\s\S]*sandbox-broken-sink)/, 60_000);
  assert.match(text, /Topics\s*\d+\s*not counting \d+ internal topics? \(\d+ in all\)/, text);
  assert.match(text, /FAILED\s*sandbox-broken-sink\s*Reason: TaskFailed: Task 0 failed: \S.+/, text);
  await wb.screenshot('cluster-overview-edges');
  await wb.page
    .locator('.part.editor .tab', { hasText: `Cluster: ${CLUSTER}` })
    .locator('.codicon-close')
    .click();
});

void test('a start offset on a partition the topic lacks is refused, naming its partitions', async () => {
  const { wb } = ui;
  await wb.runCommand('MSK: Tail Topic…');
  await wb.pickQuickItem(CLUSTER, { timeout: 60_000 });
  await wb.pickQuickItem(topic, { timeout: 45_000 });
  await wb.pickQuickItem('From an offset per partition');
  await wb.answerInputBox('99:5');
  await wb.waitForQuickInputTitle(`Partitions of ${topic} to tail`);
  await wb.acceptQuickInput();
  await wb.waitForNotification(`Partition 99 does not exist: ${topic} has partitions 0–2.`, 30_000);
  assert.equal(
    await wb.editorTab(`Tail: ${topic}`).count(),
    0,
    'no tail panel was opened for a start that cannot work',
  );
  await wb.clearNotifications();
});

void test('an empty tail says what it waits for; bidi controls show as markers; times are marked UTC', async () => {
  const { wb } = ui;
  await wb.runCommand('MSK: Tail Topic…');
  await wb.pickQuickItem(CLUSTER);
  await wb.pickQuickItem(topic, { timeout: 45_000 });
  await wb.pickQuickItem('Newest (live)');
  await wb.waitForQuickInputTitle(`Partitions of ${topic} to tail`);
  await wb.acceptQuickInput();
  const frame = await tailFrame(new RegExp(`Tail: ${topic}[\\s\\S]*running`));
  await frame
    .locator('#empty-state', { hasText: 'Waiting for messages on partitions 0–2 from newest (live)…' })
    .waitFor({ timeout: 45_000 });

  await produce(topic, [
    ...[1, 2, 3, 4, 5, 6].map((x) => ({ key: `k${x}`, value: JSON.stringify({ x }) })),
    { key: BIDI_KEY, value: JSON.stringify({ x: 100 }), headers: { 'h\u2066x': 'v\u202Ey' } },
  ]);
  await wb.waitForWebview(/\b7 received/, 45_000);
  assert.ok(await frame.locator('#empty-state').isHidden(), 'the waiting line goes once messages arrive');
  const row = frame.locator('.rows .row', { hasText: 'exe.txt' });
  await row.waitFor({ timeout: 30_000 });
  const rowText = await row.innerText();
  assert.ok(rowText.includes('abc\\u202Eexe.txt'), `the override is a visible marker: ${rowText}`);
  assert.ok(rowText.includes('h\\u2066x=v\\u202Ey'), `in the header too: ${rowText}`);
  assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(rowText), 'no raw bidi control reaches the screen');
  assert.match(rowText, /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z/, `the time is marked UTC: ${rowText}`);

  await row.click();
  await frame.locator('#detail-body', { hasText: 'exe.txt' }).waitFor();
  const detail = await frame.locator('#detail-body').innerText();
  assert.ok(detail.includes('abc\\u202Eexe.txt'), `the detail marks it as well: ${detail}`);
  assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(detail));
  assert.match(detail, /timestamp: "\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z"/, 'the detail shows the same time form');
  await wb.screenshot('tail-edges-bidi');
});

void test('CEL mistakes are shown: a type error clears to no filter, an evaluation error is counted', async () => {
  const { wb } = ui;
  const frame = await tailFrame();
  await applyCel(frame, 'size > "a"');
  await frame.locator('#filter-error', { hasText: '> cannot be applied to an int and a string' }).waitFor();
  let error = await frame.locator('#filter-error').innerText();
  assert.match(error, /No filter is in force: every message is shown\./, error);
  await wb.waitForWebview(/· 7 shown/);
  assert.equal(await frame.locator('#filter-state').innerText(), 'No filter');

  await applyCel(frame, 'value.x % 2 == 0');
  await frame.locator('#filter-error', { hasText: 'failed on 7 of 7 messages' }).waitFor();
  error = await frame.locator('#filter-error').innerText();
  assert.match(error, /no matching overload for '_%_' applied to '\(double, int\)'/, error);
  assert.match(error, /JSON numbers are doubles in CEL: convert with int\(\), e\.g\. int\(value\.x\) % 2 == 0/, error);
  await frame.locator('#empty-state', { hasText: 'None of the 7 buffered messages matches the filter.' }).waitFor();

  await applyCel(frame, 'int(value.x) % 2 == 0');
  await wb.waitForWebview(/· 4 shown/);
  assert.ok(await frame.locator('#filter-error').isHidden(), 'the previous error is gone');
  assert.equal(await frame.locator('#filter-state').innerText(), 'Filter in force: CEL int(value.x) % 2 == 0');
  await wb.screenshot('tail-edges-filter');
});

void test('after the panel is re-created the filter in force and the resized column are shown again', async () => {
  const { wb } = ui;
  const frame = await tailFrame(/· 4 shown/);
  const header = frame.locator('.row.head .cell.timestamp');
  const before = (await header.boundingBox())!.width;
  const handle = (await header.locator('.resizer').boundingBox())!;
  await wb.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await wb.page.mouse.down();
  await wb.page.mouse.move(handle.x + handle.width / 2 + 60, handle.y + handle.height / 2, { steps: 4 });
  await wb.page.mouse.move(handle.x + handle.width / 2 + 120, handle.y + handle.height / 2, { steps: 4 });
  await wb.page.mouse.up();
  const resized = (await header.boundingBox())!.width;
  assert.ok(resized >= before + 100, `the Timestamp column widened from ${before} to ${resized}`);
  // The rows are re-rendered after a resize: read a row's cell once one is on screen again.
  let cell = 0;
  await waitFor('a row on screen after the resize', async () => {
    cell = (await frame.locator('.rows .row .cell.time').first().boundingBox())?.width ?? 0;
    return cell > 0;
  });
  assert.ok(Math.abs(cell - resized) < 2, 'the rows follow the header');

  // Another editor hides the panel: its page is discarded, and made again when shown.
  await wb.runCommand('File: New Untitled Text File');
  await waitFor('the tail page to be discarded', async () =>
    (await wb.webviewTexts()).every((w) => !/4 shown/.test(w.text)),
  );
  await wb.editorTab(`Tail: ${topic}`).click();
  const again = await tailFrame(/· 4 shown/);
  await again.locator('#filter-state', { hasText: 'Filter in force: CEL int(value.x) % 2 == 0' }).waitFor();
  assert.equal(await again.locator('#filter-cel').inputValue(), 'int(value.x) % 2 == 0');
  assert.equal(await again.locator('#filter-text').inputValue(), '');
  const restored = (await again.locator('.row.head .cell.timestamp').boundingBox())!.width;
  assert.ok(Math.abs(restored - resized) < 2, `the column width is remembered: ${restored} vs ${resized}`);

  // At about half width the status line wraps to a few full-width lines (not a tall column) and the
  // filter row keeps usable inputs with the Filter button on screen.
  await wb.setSideBarWidth(760);
  const layout = await again.evaluate(() => {
    const status = document.getElementById('status')!;
    const toolbar = status.parentElement!;
    const lineHeight = parseFloat(getComputedStyle(status).lineHeight) || 18;
    const apply = document.getElementById('filter-apply')!.getBoundingClientRect();
    return {
      page: document.documentElement.clientWidth,
      statusLines: Math.round(status.getBoundingClientRect().height / lineHeight),
      statusShare: status.getBoundingClientRect().width / toolbar.getBoundingClientRect().width,
      inputs: [...document.querySelectorAll('.filters input')].map((i) => i.getBoundingClientRect().width),
      applyRight: apply.right,
    };
  });
  assert.ok(layout.page < 700, `the panel is narrow: ${layout.page}px`);
  assert.ok(layout.statusLines <= 3, `the status wraps to at most 3 lines: ${JSON.stringify(layout)}`);
  assert.ok(layout.statusShare > 0.6, `the status takes the toolbar's width: ${JSON.stringify(layout)}`);
  assert.ok(
    layout.inputs.every((w) => w >= 140),
    `the filter inputs stay usable: ${JSON.stringify(layout)}`,
  );
  assert.ok(layout.applyRight <= layout.page, `the Filter button is on screen: ${JSON.stringify(layout)}`);
  await wb.screenshot('tail-edges-half-width');
  await wb.setSideBarWidth(300);
  await wb.page
    .locator('.part.editor .tab', { hasText: `Tail: ${topic}` })
    .locator('.codicon-close')
    .click();
});

void test('the producer: options do not overlap, a blank header name and a 10 MB base64 value are refused', async () => {
  const { wb } = ui;
  await wb.runCommand('MSK: Produce to Topic…');
  await wb.pickQuickItem(CLUSTER);
  await wb.pickQuickItem(topic, { timeout: 45_000 });
  const { frame } = await wb.waitForWebview(`Produce to ${topic} on ${CLUSTER}`, 45_000);

  // The Partition select ends before the Compression label starts (or wraps below it).
  const select = (await frame.locator('#partition').boundingBox())!;
  const label = (await frame.locator('.options .label', { hasText: 'Compression' }).boundingBox())!;
  const sameRow = select.y < label.y + label.height && label.y < select.y + select.height;
  assert.ok(!sameRow || select.x + select.width <= label.x, `no overlap: ${JSON.stringify({ select, label })}`);

  await frame.locator('#value').fill('{"ok": true}');
  await frame.locator('#add-header').click();
  await frame.locator('.header-row .header-key').last().fill('   ');
  await frame.locator('.header-row .header-value').last().fill('x');
  await frame.locator('#send').click();
  await frame.locator('#result .error', { hasText: 'A header name cannot be only spaces' }).waitFor();
  assert.equal(await frame.locator('#result-summary').count(), 0, 'nothing was sent');
  await frame.locator('.header-row .remove-header').last().click();

  await frame.locator('#value-encoding').selectOption('base64');
  await frame.locator('#value-status', { hasText: 'Invalid base64' }).waitFor();
  // 10 MB of bytes as base64, pasted at once.
  await frame.locator('#value').evaluate((el: HTMLTextAreaElement) => {
    el.value = 'A'.repeat(13_981_016);
    el.dispatchEvent(new Event('input'));
  });
  await frame
    .locator('#value-status', {
      hasText: 'Too long: 13,981,016 characters; at most 1,333,336 (base64). Sending is refused.',
    })
    .waitFor();
  await frame.locator('#value').evaluate((el: HTMLTextAreaElement) => {
    el.value = 'AP8=';
    el.dispatchEvent(new Event('input'));
  });
  await frame.locator('#value-status', { hasText: 'Base64: 2 bytes' }).waitFor();
  await wb.screenshot('producer-edges');
});
