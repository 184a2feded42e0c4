/**
 * The tail panel as a person uses it: open a tail from the palette, see messages produced by another
 * client arrive, filter them by text and by CEL, open one in an editor tab; hostile payloads are
 * shown as text and run nothing; "Produce again…" on a binary message sends the same bytes;
 * closing the panel leaves no consumer group.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { uniqueName } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { createTopic, deleteTopic, groupIds, produce, tailGroupsOf } from './support/tail';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';
const topic = uniqueName('tail-ui');
const XSS_KEY = '<img src=x onerror="document.body.dataset.pwned=\'key\'">';
const XSS_VALUE = '<script>document.body.dataset.pwned="value"</script>';
const XSS_HEADER = '<b onmouseover="document.body.dataset.pwned=\'header\'">bold</b>';

/** Clears both filters so every buffered message shows. */
async function clearFilters(): Promise<Frame> {
  const { frame } = await ui.wb.waitForWebview(new RegExp(`Tail: ${topic}`));
  await frame.locator('#filter-text').fill('');
  await frame.locator('#filter-cel').fill('');
  await frame.locator('#filter-apply').click();
  return frame;
}

const ui = useWorkbench({ name: 'tail', settings: { 'msk.tail.bufferSize': 1000 } });

/** The consumer groups before this file's tail started: the tail must add none. */
let groupsAtStart = new Set<string>();
before(async () => {
  await createTopic(topic);
  groupsAtStart = new Set(await groupIds());
});
after(() => deleteTopic(topic));

void test('a tail opened from the palette shows messages produced by another client', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(480);
  await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem(CLUSTER, { view: VIEW, timeout: 45_000 });
  // The topic's tree item offers the tail (context menu and inline action).
  await wb.expandTreeItem('Topics', { view: VIEW, timeout: 45_000 });
  await wb.clickTreeItemAction('Topics', 'Filter…', { view: VIEW });
  await wb.answerInputBox(topic);
  await wb.waitForTreeItem(topic, { view: VIEW, timeout: 45_000 });
  const entries = await wb.treeItemContextMenuEntries(topic, { view: VIEW });
  assert.ok(entries.includes('Tail Topic…'), `the topic's menu offers ${JSON.stringify(entries)}`);
  // …and the palette opens it too (cluster and topic pickers).
  await wb.runCommand('MSK: Tail Topic…');
  await wb.pickQuickItem(CLUSTER);
  await wb.pickQuickItem(topic);
  await wb.pickQuickItem('Newest (live)');
  await wb.waitForWebview(new RegExp(`Tail: ${topic}[\\s\\S]*running`), 60_000);

  await produce(topic, [
    { key: 'order-1', value: JSON.stringify({ amount: 150, item: 'book' }), headers: { type: 'order' } },
    { key: 'order-2', value: JSON.stringify({ amount: 50, item: 'pen' }), headers: { type: 'order' } },
    { key: 'refund-3', value: JSON.stringify({ amount: 300, item: 'desk' }), headers: { type: 'refund' } },
  ]);
  const view = await wb.waitForWebview(/(?=[\s\S]*refund-3)(?=[\s\S]*\b3 received)/, 45_000);
  assert.match(view.text, /order-1/);
  assert.match(view.text, /"amount":150/);
  assert.match(view.text, /type=order/);
});

void test('filters by free text and by CEL, and shows where a bad CEL expression is wrong', async () => {
  const { wb } = ui;
  const { frame } = await wb.waitForWebview(/refund-3/);
  await frame.locator('#filter-text').fill('pen');
  await frame.locator('#filter-text').press('Enter');
  // Only the matching row: 1 shown, order-2 there, the others gone.
  let view = await wb.waitForWebview(/^(?![\s\S]*(order-1|refund-3))(?=[\s\S]*order-2)[\s\S]*· 1 shown/);
  assert.match(view.text, /order-2/);
  assert.doesNotMatch(view.text, /order-1|refund-3/);

  await frame.locator('#filter-text').fill('');
  await frame.locator('#filter-cel').fill('value.amount > 100 && headers["type"] == "order"');
  await frame.locator('#filter-apply').click();
  view = await wb.waitForWebview(/^(?![\s\S]*(order-2|refund-3))(?=[\s\S]*order-1)[\s\S]*· 1 shown/);
  assert.match(view.text, /order-1/);
  assert.doesNotMatch(view.text, /order-2|refund-3/);

  await frame.locator('#filter-cel').fill('value.amount >');
  await frame.locator('#filter-apply').click();
  view = await wb.waitForWebview(/Filter not applied \(line 1, column \d+\)/);
  const error = await frame.locator('#filter-error').innerText();
  assert.match(error, /value\.amount >\n\s*\^/, `a caret under the error: ${error}`);

  await frame.locator('#filter-cel').fill('');
  await frame.locator('#filter-apply').click();
  await wb.waitForWebview(/· 3 shown/);
});

void test('a message opens as a read-only JSON document in an editor tab', async () => {
  const { wb } = ui;
  const frame = await clearFilters();
  await wb.waitForWebview(/refund-3/);
  await frame.locator('.rows .row', { hasText: 'order-1' }).click();
  await frame.locator('#detail-body', { hasText: 'amount' }).waitFor();
  await frame.locator('#open-message').click();
  const tab = wb.editorTab(`${topic}-p0-o0.json`);
  await tab.waitFor({ timeout: 30_000 });
  const editorText = await wb.page.locator('.part.editor .view-lines').first().innerText();
  assert.match(editorText, /"amount":\s*150/);
  assert.match(editorText, /"topic":\s*"tail-ui-/);
  await wb.screenshot('tail-open-message');
  await tab.locator('.codicon-close, .tab-actions a').first().click();
});

void test('HTML and script payloads in key, value and headers are shown literally and run nothing', async () => {
  const { wb } = ui;
  await clearFilters();
  await produce(topic, [{ key: XSS_KEY, value: XSS_VALUE, headers: { [XSS_HEADER]: XSS_HEADER } }]);
  const view = await wb.waitForWebview(/4 received/, 45_000);
  const { frame } = view;
  await waitFor('the hostile row to render', async () =>
    (await frame.locator('.rows').innerText()).includes('<script>'),
  );
  const rows = await frame.locator('.rows').innerText();
  assert.ok(rows.includes(XSS_KEY), 'the key is shown as text');
  assert.ok(rows.includes(XSS_VALUE), 'the value is shown as text');
  assert.ok(rows.includes('<b onmouseover='), 'the header is shown as text');
  await frame.locator('.rows .row', { hasText: '<script>' }).click();
  await frame.locator('#detail-body', { hasText: '<img src=x' }).waitFor();
  await frame.locator('.rows .row', { hasText: '<script>' }).hover();
  const created = await frame.evaluate(() => ({
    img: document.querySelectorAll('img').length,
    b: document.querySelectorAll('#root b').length,
    scripts: [...document.scripts].filter((s) => (s.textContent ?? '').includes('pwned')).length,
    pwned: document.body.dataset.pwned ?? null,
  }));
  assert.deepEqual(created, { img: 0, b: 0, scripts: 0, pwned: null }, 'no element was created and nothing ran');
  await wb.screenshot('tail');
});

void test('"Produce again…" on a binary message opens the producer in base64 and sends the same bytes', async () => {
  const { wb } = ui;
  const frame = await clearFilters();
  await produce(topic, [
    {
      key: Buffer.from([0x00, 0xff, 0x80]),
      value: Buffer.from([0xff, 0x00, 0xfe, 0x01]),
      headers: { bin: Buffer.from([0xde, 0xad, 0xbe, 0xef]), type: 'bytes' },
    },
  ]);
  await wb.waitForWebview(/\b5 received/, 45_000);
  // Binary data shows as hex (auto-detected).
  const binaryRows = frame.locator('.rows .row', { hasText: 'ff 00 fe 01' });
  await binaryRows.first().click({ timeout: 30_000 });
  await frame.locator('#detail-body', { hasText: 'valueEncoding' }).waitFor();
  await frame.locator('#produce-again').click();
  await wb.pickQuickItem(topic);

  // The producer shows the key, value and binary header as base64, marked base64.
  const { frame: producer } = await wb.waitForWebview(`Produce to ${topic} on ${CLUSTER}`, 45_000);
  await producer.locator('#value-status', { hasText: 'Base64: 4 bytes' }).waitFor();
  assert.equal(await producer.locator('#value-encoding').inputValue(), 'base64');
  assert.equal(await producer.locator('#value').inputValue(), '/wD+AQ==');
  assert.equal(await producer.locator('#key-encoding').inputValue(), 'base64');
  assert.equal(await producer.locator('#key').inputValue(), 'AP+A');
  assert.equal(await producer.locator('#key-status').innerText(), 'Base64: 3 bytes');
  const headers = await producer
    .locator('.header-row')
    .evaluateAll((rows) =>
      rows.map((r) => [
        r.querySelector<HTMLInputElement>('.header-key')!.value,
        r.querySelector<HTMLInputElement>('.header-value')!.value,
        r.querySelector<HTMLSelectElement>('.header-encoding')!.value,
      ]),
    );
  assert.deepEqual(headers, [
    ['bin', '3q2+7w==', 'base64'],
    ['type', 'bytes', 'text'],
  ]);
  assert.equal(await producer.locator('#partition').inputValue(), '0');
  await wb.screenshot('producer-base64');
  await producer.locator('#send').click();
  await producer.locator('#result-summary', { hasText: '1 sent' }).waitFor({ timeout: 45_000 });

  // Back in the tail: a second message with the same bytes (key, value and header, in hex).
  await wb.editorTab(`Tail: ${topic}`).click();
  const tail = await wb.waitForWebview(new RegExp(`(?=[\\s\\S]*Tail: ${topic})(?=[\\s\\S]*\\b6 received)`), 45_000);
  const same = tail.frame.locator('.rows .row', { hasText: 'ff 00 fe 01' });
  await waitFor('two messages with the bytes ff 00 fe 01', async () => (await same.count()) === 2);
  const texts = await same.allInnerTexts();
  for (const text of texts) {
    assert.match(text, /00 ff 80/, text);
    assert.match(text, /bin=de ad be ef/, text);
    assert.match(text, /type=bytes/, text);
  }
});

void test('closing the panel stops the tail and leaves no consumer group', async () => {
  const { wb } = ui;
  // Only groups consuming this test's topic, never every tail group on the cluster: a person's own
  // tail may come and go meanwhile.
  assert.deepEqual(await tailGroupsOf(topic), [], 'the running tail reads without a consumer group');
  await wb.page
    .locator('.part.editor .tab', { hasText: `Tail: ${topic}` })
    .locator('.codicon-close')
    .click();
  await wb.page.locator('.part.editor .tab', { hasText: `Tail: ${topic}` }).waitFor({ state: 'detached' });
  assert.deepEqual(await tailGroupsOf(topic), [], 'no consumer group reads the topic');
  const added = (await groupIds()).filter((g) => !groupsAtStart.has(g) && g.startsWith('msk-explorer-tail-'));
  assert.deepEqual(added, [], 'no tail group is left on the cluster');
});
