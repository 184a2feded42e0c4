/**
 * Partitions and broker configuration in the Clusters view with the sandbox's admin profile: a
 * topic grown from 1 to 3 partitions from its context menu after the keyed-ordering warning, its
 * partitions showing their size on disk, and a broker config set from Broker 1's context menu
 * showing the override next to the value it overrides, then removed.
 *
 * The broker config is log.cleaner.backoff.ms (the log cleaner's sleep when nothing needs
 * cleaning): harmless to others for the seconds it is set, and removed in `after` whatever happens.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Kafka } from 'kafkajs';
import { KafkaCluster } from '../../src/kafka/cluster';
import { newPool, specFor } from '../integration/kafka/helpers';
import { kafkaConfig, sandbox, uniqueName, withAdmin } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';
const CONFIG = 'log.cleaner.backoff.ms';

const ui = useWorkbench({ name: 'partitions' });
const topic = uniqueName('partitions-ui');
const pool = newPool();
const kafka = new KafkaCluster(pool, { ...specFor('plaintext'), id: 'ui-partitions' });

before(async () => {
  await withAdmin((admin) =>
    admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true }),
  );
  const producer = new Kafka(kafkaConfig(sandbox(), 'plaintext')).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: ['one', 'two', 'three'].map((value) => ({ value })) });
  } finally {
    await producer.disconnect();
  }
});

after(async () => {
  await kafka.alterBrokerConfig(1, CONFIG, null).catch(() => undefined);
  await withAdmin(async (admin) => {
    if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
  });
  await pool.disposeAll();
});

async function expandLoaded(label: string): Promise<{ label: string; description: string }[]> {
  await ui.wb.expandTreeItem(label, { view: VIEW, timeout: 45_000 });
  return ui.wb.waitForTreeItemChildren(label, VIEW, { timeout: 45_000 });
}

/** Expands `label` and polls its rendered children until they are `labels` (a reloaded branch redraws in steps). */
async function childrenBecome(label: string, labels: string[]): Promise<{ label: string; description: string }[]> {
  let shown = await expandLoaded(label);
  await waitFor(`the children of ${label}`, async () => {
    shown = await ui.wb.treeItemChildren(label, VIEW);
    return JSON.stringify(shown.map((c) => c.label)) === JSON.stringify(labels);
  }).catch(() => undefined);
  assert.deepEqual(
    shown.map((c) => c.label),
    labels,
  );
  return shown;
}

async function dialogButton(text: string, button: string): Promise<string> {
  let dialog = '';
  await waitFor('the confirmation', async () => (dialog = await ui.wb.dialogText()).includes(text));
  await ui.wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: button }).click();
  return dialog;
}

async function description(label: string, expected: RegExp): Promise<string> {
  let shown = '';
  await waitFor(`${label} to show ${String(expected)}`, async () =>
    expected.test((shown = await ui.wb.treeItemDescription(label, { view: VIEW }))),
  ).catch(() => assert.fail(`${label} shows ${JSON.stringify(shown)}, expected ${String(expected)}`));
  return shown;
}

void test('Add Partitions… on a topic warns about keyed ordering, grows it 1 → 3, and partitions show their size', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(760);
  await wb.waitForTreeItemChildren(SCOPE, VIEW, { timeout: 45_000 });
  await expandLoaded(CLUSTER);
  await expandLoaded('Topics');
  await wb.revealTreeItem(topic, { view: VIEW });
  await childrenBecome(topic, ['Configuration', 'ACLs', 'Partition 0']);
  // Three records on partition 0: a size in bytes next to the offsets (filled in once the brokers
  // answered, after the partitions show); the topic's total once loaded.
  const before = await description('Partition 0', /^leader 1 · replicas \[1\] · isr \[1\] · offsets 0–3 · \d+ B$/);
  const p0 = Number(/(\d+) B$/.exec(before)![1]);
  assert.ok(p0 > 0, 'the partition holds the records written');
  await description(topic, new RegExp(`^1 partition · RF 1 · ${p0} B$`));

  await wb.treeItemContextMenu(topic, 'Add Partitions…', { view: VIEW });
  await wb.waitForQuickInputTitle(`Add partitions to “${topic}” (${CLUSTER})`);
  await wb.answerInputBox('3');
  const dialog = await dialogButton(`Add 2 partitions to “${topic}” (1 → 3)?`, 'Add 2 Partitions');
  assert.match(dialog, /Records with the same key may go to a different partition from now on/);
  assert.match(dialog, /Partitions cannot be removed afterwards/);
  await wb.waitForNotification(`“${topic}” now has 3 partitions (was 1).`, 45_000);

  await description(topic, /^3 partitions · RF 1\b/);
  await childrenBecome(topic, ['Configuration', 'ACLs', 'Partition 0', 'Partition 1', 'Partition 2']);
  await description('Partition 2', /^leader 1 · replicas \[1\] · isr \[1\] · offsets 0–0 · 0 B$/);
  await description(topic, new RegExp(`^3 partitions · RF 1 · ${p0} B$`));
  const onBroker = await withAdmin(
    async (admin) => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions.length,
  );
  assert.equal(onBroker, 3);
  // Only this test's topic in the Topics folder for the screenshot (the sandbox is shared).
  await wb.clickTreeItemAction('Topics', 'Filter…', { view: VIEW });
  await wb.answerInputBox('partitions-ui');
  await description('Topics', /^filter “partitions-ui”: \d+$/);
  await wb.screenshot('partitions-1-added-with-sizes');
});

void test('Edit Broker Config… on Broker 1 sets an override shown next to the value it overrides; Remove Override undoes it', async () => {
  const { wb } = ui;
  const base = (await kafka.describeBrokerConfig(1)).find((e) => e.name === CONFIG)!;
  assert.equal(base.source === 'dynamicBroker', false, 'no per-broker override left by an earlier run');
  const value = String(Number(base.value) + 2);
  await wb.openViewContainer('Amazon MSK');
  await expandLoaded(CLUSTER);
  const brokers = await expandLoaded('Brokers');
  assert.deepEqual(
    brokers.map((b) => b.label),
    ['Cluster-wide defaults', 'Broker 1'],
  );

  await wb.treeItemContextMenu('Broker 1', 'Edit Broker Config…', { view: VIEW });
  await wb.pickQuickItem(CONFIG, { timeout: 45_000 });
  await wb.waitForQuickInputTitle(`broker 1: ${CONFIG}`);
  await wb.answerInputBox(value);
  await dialogButton(`Set ${CONFIG} = ${value} on broker 1?`, 'Set');
  await wb.waitForNotification(`${CONFIG} = ${value} set on broker 1.`, 45_000);

  await expandLoaded('Broker 1');
  const below = base.source === 'static' ? 'static \\(server\\.properties\\)' : 'Kafka default';
  await description(CONFIG, new RegExp(`^${value} · dynamic per-broker · overrides ${base.value} \\(${below}\\)$`));
  await wb.screenshot('partitions-2-broker-override');

  await wb.treeItemContextMenu(CONFIG, 'Remove Broker Config Override…', { view: VIEW });
  const dialog = await dialogButton(`Remove the override of ${CONFIG} on broker 1?`, 'Remove Override');
  assert.match(dialog, new RegExp(`goes back to ${base.value}\\b`));
  await wb.waitForNotification(`Override of ${CONFIG} removed from broker 1.`, 45_000);
  const now = (await kafka.describeBrokerConfig(1)).find((e) => e.name === CONFIG)!;
  assert.deepEqual([now.source, now.value], [base.source, base.value]);
});
