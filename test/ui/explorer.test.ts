/**
 * The Clusters view as a person with the sandbox's admin profile uses it: the tree from the AWS
 * scope down to partitions, brokers and connectors, and creating then deleting a topic through
 * the palette.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Kafka } from 'kafkajs';
import { kafkaConfig, sandbox, uniqueName, withAdmin } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';

const ui = useWorkbench({ name: 'explorer' });

// Names sort before the sandbox's many scale-t-* topics, so they are on the first page.
const treeTopic = uniqueName('explorer-tree');
const paletteTopic = uniqueName('explorer-palette');

before(async () => {
  await withAdmin(async (admin) => {
    await admin.createTopics({
      topics: [{ topic: treeTopic, numPartitions: 2, replicationFactor: 1 }],
      waitForLeaders: true,
    });
  });
  const producer = new Kafka(kafkaConfig(sandbox(), 'plaintext')).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({
      topic: treeTopic,
      messages: ['one', 'two', 'three'].map((value) => ({ value, partition: 1 })),
    });
  } finally {
    await producer.disconnect();
  }
});

after(async () => {
  await withAdmin(async (admin) => {
    const existing = new Set(await admin.listTopics());
    const mine = [treeTopic, paletteTopic].filter((t) => existing.has(t));
    if (mine.length) await admin.deleteTopics({ topics: mine });
  });
});

/** Expands a tree item and waits until its children are loaded; returns them. */
async function expandLoaded(label: string): Promise<{ label: string; description: string }[]> {
  await ui.wb.expandTreeItem(label, { view: VIEW, timeout: 45_000 });
  return ui.wb.waitForTreeItemChildren(label, VIEW, { timeout: 45_000 });
}

async function collapse(label: string): Promise<void> {
  const item = await ui.wb.waitForTreeItem(label, { view: VIEW });
  if ((await item.getAttribute('aria-expanded')) === 'true') {
    await item.locator('.monaco-tl-twistie').click();
    await waitFor(`${label} to collapse`, async () => (await item.getAttribute('aria-expanded')) === 'false');
  }
}

void test('the tree shows the AWS scope, the cluster, a topic with its partitions, the brokers and the connectors', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(640);
  await wb.waitForTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.waitForTreeItemChildren(SCOPE, VIEW, { timeout: 45_000 });

  const clusterDescription = await wb.treeItemDescription(CLUSTER, { view: VIEW });
  assert.match(
    clusterDescription,
    /^provisioned · ACTIVE · \d+\.\d+\.\d+\S* · IAM, SCRAM, mTLS, plaintext$/,
    `the cluster's description is ${JSON.stringify(clusterDescription)}`,
  );
  assert.deepEqual(
    (await expandLoaded(CLUSTER)).map((c) => c.label),
    ['Brokers', 'Topics', 'Consumer groups', 'ACLs', 'Connectors', 'MSK configuration', 'Schema Registry'],
  );

  // Topics → the topic → Configuration, Partition 0, Partition 1.
  await expandLoaded('Topics');
  await wb.revealTreeItem(treeTopic, { view: VIEW });
  assert.equal(await wb.treeItemDescription(treeTopic, { view: VIEW }), '2 partitions · RF 1');
  let partitions = await expandLoaded(treeTopic);
  assert.deepEqual(
    partitions.map((p) => p.label),
    ['Configuration', 'ACLs', 'Partition 0', 'Partition 1'],
  );
  // The size on disk comes last and fills in after the partitions show (DescribeLogDirs): nothing on
  // partition 0, three records on partition 1.
  await waitFor('the partitions to show their size', async () => {
    partitions = await wb.treeItemChildren(treeTopic, VIEW);
    return partitions.slice(2).every((p) => / B$/.test(p.description));
  }).catch(() => undefined);
  assert.equal(partitions[2].description, 'leader 1 · replicas [1] · isr [1] · offsets 0–0 · 0 B');
  assert.match(partitions[3].description, /^leader 1 · replicas \[1\] · isr \[1\] · offsets 0–3 · [1-9]\d* B$/);
  await (await wb.waitForTreeItem(treeTopic, { view: VIEW })).scrollIntoViewIfNeeded();
  await wb.screenshot('explorer-1-topic-partitions');
  await collapse('Topics');

  // Brokers → the cluster-wide defaults, then Broker 1 on the IAM listener, the controller.
  const brokers = await expandLoaded('Brokers');
  assert.deepEqual(
    brokers.map((b) => b.label),
    ['Cluster-wide defaults', 'Broker 1'],
  );
  assert.match(
    brokers[1].description,
    new RegExp(`^${sandbox().listeners.iam.replace(/\./g, '\\.')}\\b.*· controller$`),
  );
  await collapse('Brokers');

  // Connectors → the three sandbox connectors, the broken one FAILED.
  const connectors = await expandLoaded('Connectors');
  assert.deepEqual(connectors.map((c) => c.label).sort(), [
    'sandbox-broken-sink',
    'sandbox-file-sink',
    'sandbox-file-source',
  ]);
  const broken = connectors.find((c) => c.label === 'sandbox-broken-sink')!;
  assert.match(broken.description, /^FAILED\b/, `sandbox-broken-sink shows ${JSON.stringify(broken.description)}`);
  for (const c of connectors.filter((x) => x !== broken)) assert.match(c.description, /^RUNNING\b/, c.label);
  await wb.screenshot('explorer-2-brokers-connectors');
  await collapse('Connectors');
});

void test('"MSK: Create Topic…" then "MSK: Delete Topic…" from the palette add and remove the topic in the tree', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await expandLoaded(CLUSTER);
  await expandLoaded('Topics');

  await wb.runCommand('MSK: Create Topic…');
  await wb.pickQuickItem(CLUSTER, { timeout: 45_000 });
  await wb.waitForQuickInputTitle(`Create topic in ${CLUSTER} (1/4)`);
  await wb.answerInputBox(paletteTopic);
  await wb.waitForQuickInputTitle(`Create topic in ${CLUSTER} (2/4)`);
  await wb.answerInputBox('2');
  await wb.waitForQuickInputTitle(`Create topic in ${CLUSTER} (3/4)`);
  await wb.answerInputBox('1');
  await wb.waitForQuickInputTitle(`Create topic in ${CLUSTER} (4/4)`);
  await wb.answerInputBox('retention.ms=3600000');
  await wb.waitForNotification(`Topic “${paletteTopic}” created in ${CLUSTER}.`, 45_000);

  await waitForTopicInTree(paletteTopic, true);
  assert.equal(await wb.treeItemDescription(paletteTopic, { view: VIEW }), '2 partitions · RF 1');
  const configs = await withAdmin((admin) =>
    admin.describeConfigs({ resources: [{ type: 2, name: paletteTopic }], includeSynonyms: false }),
  );
  const retention = configs.resources[0]?.configEntries.find((e) => e.configName === 'retention.ms');
  assert.equal(retention?.configValue, '3600000', 'the topic was created without retention.ms=3600000');
  await wb.screenshot('explorer-3-topic-created');
  await wb.clearNotifications();

  await wb.runCommand('MSK: Delete Topic…');
  await wb.pickQuickItem(CLUSTER, { timeout: 45_000 });
  await wb.pickQuickItem(paletteTopic, { timeout: 45_000 });
  await wb.waitForQuickInputTitle(`Delete topic “${paletteTopic}” from ${CLUSTER}`);
  await wb.answerInputBox(paletteTopic);
  await wb.waitForNotification(`Topic “${paletteTopic}” deleted from ${CLUSTER}.`, 45_000);
  await waitForTopicInTree(paletteTopic, false);
  await wb.screenshot('explorer-4-topic-deleted');
});

/**
 * Waits until the topic is (or is no longer) under Topics, pressing the Topics node's Refresh
 * when the tree has not caught up yet (topic creation/deletion is asynchronous in Kafka).
 */
async function waitForTopicInTree(name: string, present: boolean): Promise<void> {
  const { wb } = ui;
  let lastRefresh = Date.now();
  await waitFor(
    `topic ${name} to ${present ? 'appear under' : 'disappear from'} Topics`,
    async () => {
      const shown = (await wb.treeItemChildren('Topics', VIEW)).some((c) => c.label === name);
      if (shown === present) return true;
      if (Date.now() - lastRefresh > 3000) {
        lastRefresh = Date.now();
        await wb.clickTreeItemAction('Topics', 'Refresh', { view: VIEW });
      }
      return false;
    },
    { timeoutMs: 45_000, intervalMs: 250 },
  );
}
