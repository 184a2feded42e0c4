/**
 * Producing as a person does it in VS Code. The producer panel: key, JSON value and a header → the
 * partition and offset it landed at (read back from the broker), then a tail at what was sent. A
 * producer file opened before the Amazon MSK view was ever shown: its default cluster in the status
 * bar, an invalid JSON value flagged where it is wrong, topic completion after PRODUCE, a block sent
 * by its codelens, its status codelens, the tail opened from it showing what was sent; and a second
 * producer file (opened once the language server runs) completing topics too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Cleanup, uniqueName } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { createTopicNamed, expectTopicCompletion, highWatermarks, readMessages } from './support/produce';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';
const cleanup = new Cleanup();
/** The producer file's topic: named before the workbench starts, since the file names it. */
const fileTopic = uniqueName('produce-file-ui');
/** What is typed after PRODUCE to ask for completion: a prefix of fileTopic. */
const PREFIX = fileTopic.slice(0, 'produce-file-ui-'.length + 2);
const FILE = 'orders.kafka';
const FILE_TEXT = `# Producer file of the UI test.

### two orders
PRODUCE ${fileTopic}
Key: file-{{seq}}
X-Source: ui-test
Repeat: 2

{"from": "file", "n": {{seq}}}

### a broken value
PRODUCE ${fileTopic}

{"broken": }
`;

let panelTopic = '';
before(async () => {
  panelTopic = await cleanup.createTopic('produce-ui');
  cleanup.topics.add(fileTopic);
  await createTopicNamed(fileTopic);
});
after(() => cleanup.run());

void describe('the producer panel', () => {
  const ui = useWorkbench({ name: 'produce-panel' });

  void test('the producer panel sends a key, a JSON value and a header, and shows where it landed', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Amazon MSK');
    await wb.setSideBarWidth(420);
    await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
    await wb.expandTreeItem(CLUSTER, { view: VIEW, timeout: 45_000 });
    await wb.expandTreeItem('Topics', { view: VIEW, timeout: 45_000 });
    await wb.clickTreeItemAction('Topics', 'Filter…', { view: VIEW });
    await wb.answerInputBox(panelTopic);
    await wb.waitForTreeItem(panelTopic, { view: VIEW, timeout: 45_000 });
    const entries = await wb.treeItemContextMenuEntries(panelTopic, { view: VIEW });
    assert.ok(entries.includes('Produce to Topic…'), `the topic's menu offers ${JSON.stringify(entries)}`);

    await wb.runCommand('MSK: Produce to Topic…');
    await wb.pickQuickItem(CLUSTER);
    await wb.pickQuickItem(panelTopic);
    const { frame } = await wb.waitForWebview(`Produce to ${panelTopic} on ${CLUSTER}`, 45_000);
    await frame.locator('#key').fill('order-42');
    await frame.locator('#value').fill('{"id": 42, "item": "book", "amount": 19.5}');
    await frame.locator('#value-status', { hasText: 'Valid JSON.' }).waitFor();
    await frame.locator('#add-header').click();
    await frame.locator('.header-row .header-key').last().fill('type');
    await frame.locator('.header-row .header-value').last().fill('order');
    await frame.locator('#send').click();

    await frame.locator('#result-summary', { hasText: '1 sent' }).waitFor({ timeout: 45_000 });
    const row = (await frame.locator('#outcomes tbody tr').innerText()).replace(/\s+/g, ' ').trim();
    assert.match(row, /^1 0 0 ✓$/, `message 1 landed on partition 0 at offset 0: ${row}`);
    // The history is stored, then posted: it may arrive just after the result.
    await frame.locator('#history', { hasText: '"item": "book"' }).waitFor({ timeout: 15_000 });
    assert.match(await frame.locator('#history').innerText(), /Recent sends[\s\S]*"item": "book"/);
    // The README's picture: test-output/screenshots/producer-panel.png, copied to media/screenshots/producer.png.
    await wb.screenshot('producer-panel');

    assert.deepEqual(await highWatermarks(panelTopic), [{ partition: 0, high: '1' }]);
    const [stored] = await readMessages(panelTopic, cleanup.group('produce-ui-read'), 1);
    assert.deepEqual(stored, {
      partition: 0,
      offset: '0',
      key: 'order-42',
      value: '{"id": 42, "item": "book", "amount": 19.5}',
      headers: { type: 'order' },
    });

    // "Tail this topic" opens a tail at what was just sent.
    await frame.locator('#tail').click();
    const tail = await wb.waitForWebview(
      new RegExp(`(?=[\\s\\S]*Tail: ${panelTopic})(?=[\\s\\S]*order-42)(?=[\\s\\S]*\\b1 received)`),
      60_000,
    );
    assert.match(tail.text, /"item":"book"/);
    assert.match(tail.text, /type=order/);
  });
});

void describe('a producer file, opened before the Amazon MSK view was ever shown', () => {
  const ui = useWorkbench({ name: 'produce-file', files: { [FILE]: FILE_TEXT } });

  void test('a producer file completes topics, flags invalid JSON, sends a block and tails what it sent', async () => {
    const { wb } = ui;
    const { page } = wb;
    await wb.runCommand('Go to File...');
    await wb.pickQuickItem(FILE);
    await wb.editorTab(FILE).waitFor();
    const editor = page.locator('.part.editor .monaco-editor').first();
    // The status bar names the file's cluster (the first one the tree knows).
    const fileCluster = page.locator('.part.statusbar .statusbar-item', { has: page.locator('.codicon-send') });
    await waitFor("the status bar to name the file's cluster", async () =>
      /^\s*msk-sandbox\s*$/.test(await fileCluster.innerText().catch(() => '')),
    );

    // The invalid JSON value of the second block is flagged (a squiggle, and listed in Problems).
    await editor.locator('.squiggly-error').first().waitFor({ timeout: 45_000 });
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.part.panel .markers-panel');
    let listed = '';
    await waitFor('the Problems panel to list the invalid JSON value', async () => {
      listed = await problems.innerText().catch(() => '');
      return /Invalid JSON value/.test(listed);
    });
    // …at the stray `}` of `{"broken": }` (line 14, column 12).
    assert.match(listed, /Invalid JSON value: Unexpected token '}'[\s\S]*Ln 14, Col 12/, listed);

    // Topic completion after PRODUCE, from the file's cluster.
    await expectTopicCompletion(page, editor, PREFIX, fileTopic);

    // ▶ Produce ×2 on the first block, then its status codelens.
    const produce = editor.locator('.codelens-decoration a', { hasText: `▶ Produce ×2 to ${fileTopic}` });
    await produce.first().click({ timeout: 45_000 });
    const status = editor.locator('.codelens-decoration a', { hasText: /✓ 2 sent → p0@0–1/ });
    await status.first().waitFor({ timeout: 45_000 });
    assert.deepEqual(await highWatermarks(fileTopic), [{ partition: 0, high: '2' }]);

    // Its status opens the send's details, with a tail at what was sent.
    await status.first().click();
    await wb.clickNotificationButton(`${fileTopic}: ✓ 2 sent`, 'Tail this topic');
    const view = await wb.waitForWebview(
      new RegExp(`(?=[\\s\\S]*Tail: ${fileTopic})(?=[\\s\\S]*file-1)(?=[\\s\\S]*file-2)(?=[\\s\\S]*"n":2)`),
      60_000,
    );
    assert.match(view.text, /"from":"file"/);
    assert.match(view.text, /X-Source=ui-test/);
  });

  void test('a second producer file, opened once the language server runs, completes topics too', async () => {
    const { wb } = ui;
    await wb.runCommand('MSK: New Producer File');
    // An untitled editor's tab is named after its first line.
    await wb.editorTab(/^# A producer file/).waitFor();
    const editor = wb.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
    await editor.locator('.codelens-decoration a', { hasText: '▶ Produce to orders' }).first().waitFor();
    await expectTopicCompletion(wb.page, editor, PREFIX, fileTopic);
  });
});
