/**
 * Two kinds of "you may not change this": a read-only AWS principal (the broker refuses, and the
 * error names the missing IAM action), and the extension's own read-only mode (destructive
 * entries are hidden and the commands refuse).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { uniqueName, withAdmin } from '../integration/support/sandbox';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const CLUSTER = 'msk-sandbox';

void describe('with the read-only AWS principal', () => {
  const ui = useWorkbench({ name: 'explorer-readonly-principal', sandbox: 'readonly' });
  const refused = uniqueName('explorer-refused');

  after(async () => {
    // Only if the broker wrongly accepted it.
    await withAdmin(async (admin) => {
      if ((await admin.listTopics()).includes(refused)) await admin.deleteTopics({ topics: [refused] });
    });
  });

  void test('"MSK: Create Topic…" shows an error naming kafka-cluster:CreateTopic and the topic', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Amazon MSK');
    await wb.waitForTreeItem('msk-sandbox-readonly · us-east-1', { view: VIEW, timeout: 45_000 });
    await wb.runCommand('MSK: Create Topic…');
    await wb.pickQuickItem(CLUSTER, { timeout: 45_000 });
    for (const [step, answer] of [refused, '1', '1', ''].entries()) {
      await wb.waitForQuickInputTitle(`Create topic in ${CLUSTER} (${step + 1}/4)`);
      await wb.answerInputBox(answer);
    }
    const toast = await wb.waitForNotification('kafka-cluster:CreateTopic', 60_000);
    const text = (await toast.locator('.notification-list-item-message').innerText()).replace(/\u00a0/g, ' ');
    assert.ok(text.includes(refused), `the error does not name the topic ${refused}: ${text}`);
    assert.equal((await toast.getAttribute('aria-label'))?.match(/^Error/) !== null, true, `not an error: ${text}`);
    await wb.screenshot('explorer-readonly-1-create-refused');
    const exists = await withAdmin(async (admin) => (await admin.listTopics()).includes(refused));
    assert.equal(exists, false, 'the read-only principal created the topic');
  });
});

void describe('in read-only mode (msk.readOnly)', () => {
  const ui = useWorkbench({
    name: 'explorer-readonly-mode',
    settings: { 'msk.readOnly': true },
    // The palette hides Delete Topic in read-only mode; a keybinding still reaches the command.
    keybindings: [{ key: 'ctrl+alt+shift+d', command: 'msk.deleteTopic' }],
  });
  const topic = uniqueName('explorer-ro-mode');

  before(async () => {
    await withAdmin(async (admin) => {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    });
  });
  after(async () => {
    await withAdmin(async (admin) => {
      if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
    });
  });

  void test('a topic has no Delete Topic entry in its context menu, and the command refuses', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Amazon MSK');
    await wb.setSideBarWidth(640);
    await wb.expandTreeItem(CLUSTER, { view: VIEW, timeout: 45_000 });
    assert.match(await wb.treeItemDescription(CLUSTER, { view: VIEW }), /· read-only$/);
    await wb.expandTreeItem('Topics', { view: VIEW, timeout: 45_000 });
    await wb.waitForTreeItemChildren('Topics', VIEW, { timeout: 45_000 });
    await wb.revealTreeItem(topic, { view: VIEW });

    const entries = await wb.treeItemContextMenuEntries(topic, { view: VIEW });
    assert.ok(entries.includes('Show Topic Configuration'), `the context menu is ${JSON.stringify(entries)}`);
    assert.ok(!entries.includes('Delete Topic…'), `Delete Topic… is offered: ${JSON.stringify(entries)}`);
    assert.ok(!entries.includes('Edit Topic Config Override…'), `Edit is offered: ${JSON.stringify(entries)}`);

    // Hidden from the palette too; run by its id (a keybinding or another extension could) it refuses.
    await wb.page.keyboard.press('F1');
    await wb.page.locator('.quick-input-widget .quick-input-box input').fill('>MSK: Delete Topic');
    await wb.page.locator('.quick-input-widget .quick-input-list').waitFor();
    assert.ok(!(await wb.quickPickLabels()).includes('MSK: Delete Topic…'), 'the palette offers Delete Topic…');
    await wb.closeQuickInput();

    await wb.page.keyboard.press('Control+Alt+Shift+D');
    await wb.pickQuickItem(CLUSTER, { timeout: 45_000 });
    const toast = await wb.waitForNotification('read-only', 30_000);
    const text = await toast.locator('.notification-list-item-message').innerText();
    assert.match(text, /Delete topic refused: msk-sandbox is in read-only mode/);
    await wb.screenshot('explorer-readonly-2-delete-refused');
    const exists = await withAdmin(async (admin) => (await admin.listTopics()).includes(topic));
    assert.equal(exists, true, 'the topic was deleted in read-only mode');
  });
});
