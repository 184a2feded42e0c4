/**
 * Lag rows as Kafka's tool lists them, and lag from CloudWatch, in the real VS Code:
 *  - a member that joined, took its partition and never committed: the row shows `no commit`, the
 *    lag from the earliest offset (said so), and a NO COMMIT verdict (group ERR) after the window;
 *  - an MSK cluster whose brokers cannot be reached (the sandbox's `sandbox-private`, whose broker
 *    addresses accept and never answer): the lag overview shows the groups from CloudWatch, labelled.
 * Short window settings so the verdict comes after a few refreshes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { kafkaConfig, sandbox, uniqueName } from '../integration/support/sandbox';
import { commitOffset, createTopicWithRecords, deleteTopicAndGroup, quickLagSettings } from './support/lag';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';
const PRIVATE = 'sandbox-private';

const ui = useWorkbench({
  name: 'lag-nocommit',
  settings: quickLagSettings,
});

const topic = uniqueName('lag-nc');
const stuckGroup = uniqueName('lag-nc-stuck');
const committedGroup = uniqueName('lag-nc-cw');
let consumer: Consumer | undefined;

before(async () => {
  await createTopicWithRecords(topic, 10);
  // An empty group with a commit at 4 (lag 6): MSK publishes it to CloudWatch.
  await commitOffset(topic, committedGroup, 4);
  // A member that joins, owns partition 0 and never commits (auto-commit off, nothing committed).
  consumer = new Kafka({ ...kafkaConfig(sandbox(), 'plaintext'), logLevel: logLevel.NOTHING }).consumer({
    groupId: stuckGroup,
    sessionTimeout: 30_000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ autoCommit: false, eachMessage: () => Promise.resolve() });
});

after(async () => {
  await consumer?.disconnect();
  await deleteTopicAndGroup(topic, stuckGroup);
  await deleteTopicAndGroup(topic, committedGroup);
});

void test('a member that never committed: its partition shows "no commit", the lag from earliest, and NO COMMIT (ERR)', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.runCommand('MSK: Show Group Lag…');
  await wb.pickQuickItem(CLUSTER, { timeout: 45_000 });
  await wb.pickQuickItem(stuckGroup, { timeout: 45_000 });

  // The row Kafka's tool prints as "- 10 -": committed "no commit", log end 10, lag 10 from earliest.
  const row = new RegExp(`${topic}\\s+0\\s+no commit\\s+10\\s+10 from earliest`);
  const collecting = await wb.waitForWebview(row, 60_000);
  const lagCell = collecting.frame.locator(`tr[data-partition="${topic}/0"] td.lag`);
  assert.match((await lagCell.getAttribute('title')) ?? '', /auto\.offset\.reset is unknown/);
  assert.match(collecting.text, /1 partition owned without a commit: 10 records from the earliest offset/);

  // After the window (3 samples) the verdict: NO COMMIT on the partition, ERR for the group.
  const judged = await wb.waitForWebview(new RegExp(`${row.source}[\\s\\S]*NO COMMIT`), 60_000);
  assert.match(judged.text, /\bERR\b/);
  assert.match(judged.text, /1 partition\(s\) NOCOMMIT/);
  const badge = judged.frame.locator(`tr[data-partition="${topic}/0"] .badge`);
  assert.match((await badge.getAttribute('title')) ?? '', /^Never committed: a member owns the partition/);
  await wb.screenshot('lag-nocommit');
});

void test('brokers out of reach: the lag overview of sandbox-private shows the groups from CloudWatch, labelled', async () => {
  const { wb } = ui;
  await wb.runCommand('MSK: Show Consumer Lag…');
  await wb.pickQuickItem(PRIVATE, { timeout: 45_000 });
  // The Kafka read times out first (the brokers accept and never answer), then CloudWatch is shown.
  const view = await wb.waitForWebview(
    new RegExp(`CloudWatch · AWS/Kafka · period 1 min · data from [^\\n]*ago[\\s\\S]*${committedGroup}`),
    120_000,
  );
  assert.match(view.text, new RegExp(`Consumer lag · ${PRIVATE}`));
  assert.match(view.text, /The brokers do not answer/);
  const total = view.frame.locator(`table.cloudwatch tr[data-group="${committedGroup}"] .total-lag`);
  assert.equal((await total.textContent())?.trim(), '6', 'SumOffsetLag: log end 10 − committed 4');
  assert.equal(
    await view.frame.locator(`table.cloudwatch tr[data-group="${stuckGroup}"]`).count(),
    0,
    'a group without commits is not in CloudWatch',
  );
  await wb.screenshot('lag-cloudwatch');
});
