/**
 * Find across clusters and exports in the real VS Code, on the sandbox's MSK cluster: a person
 * finds the topic this test created by part of its name from the palette before the Clusters view
 * was ever shown, and sees it selected and expanded in the tree; then exports the Topics folder to
 * JSON through the save dialog (code-server's simple file dialog, a path typed), sees "Exported …"
 * with Open, and the file holds that topic with its partitions.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { uniqueName, withAdmin } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';

const ui = useWorkbench({ name: 'exports-find' });
const topic = uniqueName('ui-export-find');

before(async () => {
  await withAdmin((admin) =>
    admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2, replicationFactor: 1 }] }),
  );
});

after(async () => {
  await withAdmin((admin) => admin.deleteTopics({ topics: [topic] }));
});

void test('Find Topic or Consumer Group, before the Clusters view was ever shown, selects the topic in the tree', async () => {
  const { wb } = ui;
  // From the palette, the Clusters view not drawn yet (its container not opened): the tree loads
  // the way to the topic itself. The palette lists the extension's commands once they are known.
  await wb.activityBarItem('Amazon MSK').waitFor();
  await wb.runCommand('MSK: Find Topic or Consumer Group…');
  await wb.waitForQuickInput();
  const part = topic.slice(topic.lastIndexOf('-') + 1);
  await wb.quickInput().locator('.quick-input-box input').fill(part);

  // The same broker answers for several sandbox clusters: the item of msk-sandbox itself.
  const row = wb
    .quickInput()
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: wb.page.locator('.label-name', { hasText: topic }) })
    .filter({
      has: wb.page.locator('.label-description', { hasText: /^topic · msk-sandbox · msk-sandbox · us-east-1$/ }),
    })
    .first();
  await row.waitFor({ timeout: 60_000 });
  await wb.screenshot('find-topic');
  await row.click();

  const item = wb.treeItem(topic, VIEW);
  await waitFor('the topic selected in the tree', async () => (await item.getAttribute('aria-selected')) === 'true', {
    timeoutMs: 30_000,
    intervalMs: 250,
  });
  const children = await wb.waitForTreeItemChildren(topic, VIEW, { timeout: 30_000 });
  assert.deepEqual(
    children.map((c) => c.label).filter((l) => l.startsWith('Partition')),
    ['Partition 0', 'Partition 1'],
  );
});

void test('Export Topics… writes the Topics folder to a JSON file chosen in the save dialog', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(560);
  await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem(CLUSTER, { view: VIEW, timeout: 45_000 });
  await wb.waitForTreeItemChildren(CLUSTER, VIEW, { timeout: 45_000 });
  await wb.treeItemContextMenu('Topics', 'Export Topics…', { view: VIEW });
  // The save dialog (a quick input): it shows the folder first, then the suggested name.
  const nameInput = wb.quickInput().locator('.quick-input-box input');
  let suggested = '';
  await waitFor(
    'the save dialog with the suggested name',
    async () => {
      suggested = (await nameInput.isVisible()) ? await nameInput.inputValue() : '';
      return /msk-sandbox-topics-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/.test(suggested);
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  ).catch(() => assert.fail(`the save dialog suggests a stamped name; it shows ${JSON.stringify(suggested)}`));
  const file = join(wb.workspaceDir, 'sandbox-topics.json');
  await wb.answerInputBox(file);

  const done = /^Exported \d+ topics of msk-sandbox \(Kafka brokers\) to sandbox-topics\.json\.$/;
  await wb.waitForNotification(done, 90_000);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    cluster: { name: string };
    source: string;
    time: string;
    topics: { name: string; partitions: number; partitionDetails: { partition: number; leader: number }[] }[];
  };
  assert.equal(doc.cluster.name, CLUSTER);
  assert.equal(doc.source, 'Kafka brokers');
  const mine = doc.topics.find((t) => t.name === topic);
  assert.ok(mine, `${topic} is in the file`);
  assert.equal(mine.partitions, 2);
  assert.deepEqual(
    mine.partitionDetails.map((p) => [p.partition, p.leader]),
    [
      [0, 1],
      [1, 1],
    ],
  );

  await wb.clickNotificationButton(done, 'Open');
  await wb.editorTab('sandbox-topics.json').waitFor({ timeout: 30_000 });
  await wb.screenshot('exports-topics-json');
});
