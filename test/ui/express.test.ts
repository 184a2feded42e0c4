/**
 * An MSK cluster with Express brokers (the sandbox's `sandbox-express`) as a person sees it: its
 * tree item and the cluster overview name the broker kind, storage mode and Kafka version; editing a topic
 * configuration that Express keeps read-only is refused with MSK's message before a value is even
 * asked for, and the topic keeps its value.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sandbox, uniqueName, withAdmin } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const CLUSTER = 'sandbox-express';
const ui = useWorkbench({ name: 'express' });
const topic = uniqueName('ui-express');

async function segmentBytes(): Promise<string | undefined> {
  return withAdmin(async (admin) => {
    const { resources } = await admin.describeConfigs({
      resources: [{ type: 2, name: topic, configNames: ['segment.bytes'] }],
      includeSynonyms: false,
    });
    return resources[0]?.configEntries[0]?.configValue;
  });
}

before(async () => {
  await withAdmin((admin) =>
    admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true }),
  );
});

after(async () => {
  await withAdmin(async (admin) => {
    if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
  });
});

void test('the tree and the overview of an Express cluster show Express brokers, the storage mode and the Kafka version', async () => {
  const { wb } = ui;
  // The extension activates with its view: wait for the sandbox's AWS scope in the Clusters view.
  await wb.openViewContainer('Amazon MSK');
  await wb.waitForTreeItem('msk-sandbox · us-east-1', { view: 'Clusters', timeout: 45_000 });
  await wb.waitForTreeItemChildren('msk-sandbox · us-east-1', 'Clusters', { timeout: 45_000 });
  const version = sandbox().kafkaVersion.replace(/\./g, '\\.');
  assert.match(
    await wb.treeItemDescription(CLUSTER, { view: 'Clusters' }),
    new RegExp(`^provisioned · Express brokers · ACTIVE · ${version} · `),
  );
  await wb.runCommand('MSK: Open Cluster Overview');
  await wb.pickQuickItem(CLUSTER, { timeout: 45_000 });
  const { text } = await wb.waitForWebview(/Brokers\s*Express \(express\.m7g\.large\)/, 45_000);
  assert.match(text, /Storage mode\s*Local \(managed by MSK\)/, text);
  assert.match(text, new RegExp(`Kafka version\\s*${version}`), text);
  await wb.screenshot('express-1-overview');
});

void test('editing a topic config Express keeps read-only is refused with MSK message before a value is asked; the topic keeps it', async () => {
  const { wb } = ui;
  const before = await segmentBytes();
  await wb.runCommand('MSK: Edit Topic Config Override…');
  await wb.pickQuickItem(CLUSTER, { timeout: 45_000 });
  await wb.pickQuickItem(topic, { timeout: 45_000 });
  await wb.waitForQuickInputTitle(`Configuration of ${topic}`, 45_000);
  await wb.pickQuickItem('segment.bytes');
  let shown: string[] = [];
  await waitFor(
    "MSK's refusal of segment.bytes on screen",
    async () => {
      shown = await wb.messagesOnScreen();
      return shown.some((m) => m.includes("Amazon MSK Express brokers can't alter topic configuration segment.bytes."));
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  assert.ok(
    shown.some((m) => m.includes('retention.ms')),
    `the message lists what can be changed: ${JSON.stringify(shown)}`,
  );
  assert.equal(await wb.quickInput().isVisible(), false, 'an input box for a value was opened');
  assert.equal(await segmentBytes(), before, 'segment.bytes changed on the broker');
  await wb.screenshot('express-2-refused-config');
});
