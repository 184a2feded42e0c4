/**
 * Topics of an MSK cluster whose brokers cannot be reached, in the real VS Code: the sandbox's
 * `sandbox-private` (its MSK API answers, its broker addresses accept and never answer). With
 * msk.topics.source at its default (auto) the Topics folder falls back to the MSK API once the
 * brokers time out and says so; a person filters the topics, opens one's partitions (leader,
 * replicas, ISR) and configuration; a tail on it says the brokers cannot be reached from this
 * machine and offers Diagnose Connection and the tunnel settings.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { uniqueName, withAdmin } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const PRIVATE = 'sandbox-private';
const SOURCE = 'via MSK API · up to 1 min old';

const ui = useWorkbench({ name: 'topics-mskapi' });
const topic = uniqueName('mskapi-ui');
const other = uniqueName('mskapi-ui-other');

before(async () => {
  await withAdmin(async (admin) => {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '3600000' }] },
        { topic: other, numPartitions: 2, replicationFactor: 1 },
      ],
    });
  });
});

after(async () => {
  await withAdmin((admin) => admin.deleteTopics({ topics: [topic, other] }));
});

void test('brokers out of reach: the Topics folder lists, filters and describes topics through the MSK API', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(640);
  await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem(PRIVATE, { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem('Topics', { view: VIEW, timeout: 45_000 });
  // The brokers are tried first (they time out), then the MSK API answers.
  const topics = await wb.waitForTreeItemChildren('Topics', VIEW, { timeout: 120_000 });
  assert.ok(
    topics.some((t) => t.label === topic),
    `the topic is listed: ${JSON.stringify(topics.map((t) => t.label))}`,
  );
  assert.match(await wb.treeItemDescription('Topics', { view: VIEW }), new RegExp(`^\\d+ · ${SOURCE}$`));

  await wb.clickTreeItemAction('Topics', 'Filter…', { view: VIEW });
  await wb.answerInputBox(topic);
  await waitFor(
    'the filtered topics',
    async () =>
      JSON.stringify((await wb.treeItemChildren('Topics', VIEW)).map((c) => c.label)) === JSON.stringify([topic]),
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  assert.equal(await wb.treeItemDescription('Topics', { view: VIEW }), `filter “${topic}”: 1 · ${SOURCE}`);
  assert.equal(await wb.treeItemDescription(topic, { view: VIEW }), '1 partition · RF 1');

  await wb.expandTreeItem(topic, { view: VIEW });
  const children = await wb.waitForTreeItemChildren(topic, VIEW, { timeout: 30_000 });
  assert.deepEqual(
    children.map((c) => c.label),
    ['Configuration', 'ACLs', 'Partition 0'],
  );
  assert.equal(children[2].description, `leader 1 · replicas [1] · isr [1] · ${SOURCE}`);

  await wb.expandTreeItem('Configuration', { view: VIEW });
  await wb.waitForTreeItemChildren('Configuration', VIEW, { timeout: 30_000 });
  assert.match(await wb.treeItemDescription('Configuration', { view: VIEW }), new RegExp(`^\\d+ entries · ${SOURCE}$`));
  // Every entry of the topic's configuration, each with its value; the list is long: scroll to it.
  await wb.revealTreeItem('retention.ms', { view: VIEW });
  assert.equal(await wb.treeItemDescription('retention.ms', { view: VIEW }), '3600000 · MSK API');
  await wb.screenshot('topics-mskapi');
});

void test('a tail on that topic says the brokers cannot be reached from this machine and offers the doctor', async () => {
  const { wb } = ui;
  // From the palette: the cluster, then the topic (listed through the MSK API), then the start.
  await wb.runCommand('MSK: Tail Topic…');
  await wb.pickQuickItem(PRIVATE, { timeout: 45_000 });
  await wb.pickQuickItem(topic, { timeout: 45_000 });
  await wb.pickQuickItem('Newest (live)');
  const toast = await wb.waitForNotification(
    new RegExp(`Could not reach ${PRIVATE}: .* Its brokers cannot be reached from this machine\\.`),
    120_000,
  );
  const buttons = (await toast.locator('.monaco-button').allTextContents()).map((b) => b.trim());
  assert.ok(buttons.includes('Diagnose Connection…'), `buttons: ${JSON.stringify(buttons)}`);
  assert.ok(buttons.includes('Open Settings'), `buttons: ${JSON.stringify(buttons)}`);
  await wb.screenshot('topics-mskapi-tail-unreachable');
});
