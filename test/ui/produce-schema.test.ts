/**
 * Schema registries as a person browses and writes with them in VS Code. The explorer lists the
 * cluster's Glue registries → schemas (data format, compatibility, latest version) → versions; a
 * version opens as a read-only JSON document, and two versions compare side by side. The producer
 * panel picks the Glue Avro schema for the value, says as the user types which field does not fit,
 * sends the fixed value framed for Glue, and the tail opened from it shows the record decoded with
 * the schema's name. A producer file's `Schema:` line completes schema names, marks the field of a
 * value that does not fit, and its block is sent encoded and read back decoded. With the sandbox's
 * Confluent-compatible registry set for the cluster (its password typed into MSK: Set Schema Registry
 * Secret…), the panel's Confluent subject picker writes a record the tail shows decoded. A Glue
 * Protobuf schema offers its message types (the first by default) and zlib; a record written as the
 * second type, compressed, shows decoded with its type. (The topics
 * are the test's own; the schemas are the sandbox's seeded ones.)
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CONFLUENT_SUBJECTS, GLUE_REGISTRY, GLUE_SCHEMAS, schemaRegistries } from '../integration/schema/fixtures';
import { readBack } from '../integration/produce/helpers';
import { Cleanup, sandbox, uniqueName } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { createTopicNamed, highWatermarks } from './support/produce';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';
const cleanup = new Cleanup();
let topic = '';
let confluentTopic = '';
let protoTopic = '';
/** The producer file's topic: named before the workbench starts, since the file names it. */
const fileTopic = uniqueName('produce-schema-file-ui');
const FILE = 'orders-schema.kafka';
const SCHEMA_LINE = `Schema: glue:${GLUE_REGISTRY}/${GLUE_SCHEMAS.avro}@latest`;
const order = (id: string, amount: string) =>
  JSON.stringify({
    id,
    customer: 'Grace',
    amount,
    status: 'PAID',
    created: '2026-12-01T10:00:00.000Z',
    lines: ['sku-1'],
    note: null,
    trackingId: null,
  });
const FILE_TEXT = `### a value that does not fit (its topic is never created)
PRODUCE ${fileTopic}-unsent
${SCHEMA_LINE}

${order('file-bad', 'twelve')}

### an order written with the Glue Avro schema
PRODUCE ${fileTopic}
${SCHEMA_LINE}

${order('file-order-1', '7.25')}
`;

before(async () => {
  topic = await cleanup.createTopic('produce-schema-ui');
  confluentTopic = await cleanup.createTopic('produce-schema-confluent-ui');
  protoTopic = await cleanup.createTopic('produce-schema-proto-ui');
  cleanup.topics.add(fileTopic);
  await createTopicNamed(fileTopic);
});
after(() => cleanup.run());

/** The sandbox's Confluent-compatible registry, set for the MSK cluster (its password is set in the test). */
const confluent = schemaRegistries().confluent;
const ui = useWorkbench({
  name: 'produce-schema',
  files: { [FILE]: FILE_TEXT },
  settings: {
    'msk.schemaRegistries': [
      { cluster: sandbox().clusters.provisioned.arn, url: confluent.url, auth: 'basic', username: confluent.username },
    ],
  },
});

void test('the explorer lists Glue registries, schemas and versions; a version opens and compares', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(460);
  await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem(CLUSTER, { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem('Schema Registry', { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem('AWS Glue', { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem(GLUE_REGISTRY, { view: VIEW, timeout: 45_000 });
  await wb.waitForTreeItem(GLUE_SCHEMAS.protobuf, { view: VIEW, timeout: 45_000 });
  assert.equal(await wb.treeItemDescription(GLUE_SCHEMAS.avro, { view: VIEW }), 'Avro · BACKWARD · v2');
  assert.equal(await wb.treeItemDescription(GLUE_SCHEMAS.protobuf, { view: VIEW }), 'Protobuf · BACKWARD · v1');
  assert.equal(await wb.treeItemDescription(GLUE_SCHEMAS.json, { view: VIEW }), 'JSON Schema · BACKWARD · v1');

  await wb.expandTreeItem(GLUE_SCHEMAS.avro, { view: VIEW, timeout: 45_000 });
  const v2 = await wb.waitForTreeItem('Version 2', { view: VIEW, timeout: 45_000 });
  await wb.waitForTreeItem('Version 1', { view: VIEW });
  await v2.click();
  await wb.editorTab(`${GLUE_SCHEMAS.avro} v2.avsc`).waitFor({ timeout: 30_000 });
  const editor = wb.page.locator('.part.editor .view-lines').first();
  await waitFor('the definition of version 2', async () =>
    /"namespace":\s"sandbox\.orders"/.test(await editor.innerText()),
  );
  assert.match(await editor.innerText(), /"logicalType":\s"decimal"/, 'the definition, indented for reading');
  // Highlighted as JSON (the language shown in the status bar).
  const mode = wb.page.locator('.part.statusbar [id="status.editor.mode"]');
  await waitFor('the language mode JSON', async () => /JSON/.test(await mode.innerText().catch(() => '')));

  await wb.treeItemContextMenu('Version 2', 'Compare with Another Version…', { view: VIEW });
  await wb.pickQuickItem('Version 1');
  await wb.editorTab(/orders-avro v1 ↔ .*orders-avro v2/).waitFor({ timeout: 30_000 });
  // The diff marks the fields version 2 added.
  await wb.page.locator('.part.editor .monaco-diff-editor .line-insert').first().waitFor({ timeout: 30_000 });
});

void test('the producer panel writes a schema-validated Avro value that the tail shows decoded', async () => {
  const { wb } = ui;
  await wb.runCommand('MSK: Produce to Topic…');
  await wb.pickQuickItem(CLUSTER);
  await wb.pickQuickItem(topic);
  const { frame } = await wb.waitForWebview(`Produce to ${topic} on ${CLUSTER}`, 45_000);
  await frame.locator('#value-schema-kind').selectOption('glue');
  await frame.locator('#value-schema-registry').selectOption(GLUE_REGISTRY);
  await frame.locator('#value-schema-name').selectOption(GLUE_SCHEMAS.avro);
  // The versions load; latest is picked unless another is chosen.
  const version = frame.locator('#value-schema-version');
  await waitFor('the versions of orders-avro', async () => (await version.inputValue()) === 'latest');
  assert.deepEqual(await version.locator('option').allInnerTexts(), ['Version…', 'latest', '2', '1']);

  // As typed: the fields that do not fit are named.
  const order = {
    id: 'ui-order-1',
    customer: 'Grace',
    amount: 'twelve',
    status: 'PAID',
    created: '2026-12-01T10:00:00.000Z',
    lines: ['sku-1'],
    note: 'fragile',
    trackingId: null,
  };
  await frame.locator('#value').fill(JSON.stringify(order, null, 2));
  const status = frame.locator('#value-schema-status');
  await status.filter({ hasText: 'Does not fit Avro · orders-avro v2' }).waitFor({ timeout: 30_000 });
  assert.match(await status.innerText(), /\$\.amount/);

  // Fixed: it fits, and is sent framed for Glue.
  await frame.locator('#value').fill(JSON.stringify({ ...order, amount: '12.50' }, null, 2));
  await status.filter({ hasText: 'Fits Avro · orders-avro v2.' }).waitFor({ timeout: 30_000 });
  await frame.locator('#send').click();
  await frame.locator('#result-summary', { hasText: '1 sent' }).waitFor({ timeout: 45_000 });
  // The README's picture: test-output/screenshots/producer-schema.png, copied to media/screenshots/.
  await wb.screenshot('producer-schema');

  await frame.locator('#tail').click();
  const tail = await wb.waitForWebview(
    new RegExp(`(?=[\\s\\S]*Tail: ${topic})(?=[\\s\\S]*Avro · orders-avro v2)(?=[\\s\\S]*ui-order-1)`),
    60_000,
  );
  assert.ok(tail.text.includes('"amount":"12.50"'), 'the decimal decoded back as written');
  assert.ok(tail.text.includes('"note":"fragile"'), 'the optional field as written');
  assert.doesNotMatch(tail.text, /Not decoded/);
});

void test('a producer file with a Schema: line: completion, the field that does not fit, sent and decoded', async () => {
  const { wb } = ui;
  const { page } = wb;
  await wb.runCommand('Go to File...');
  await wb.pickQuickItem(FILE);
  await wb.editorTab(FILE).waitFor();
  const editor = page.locator('.part.editor .editor-group-container.active .monaco-editor').first();

  // The value that does not fit is flagged at its field, naming the schema and the path.
  await editor.locator('.squiggly-error').first().waitFor({ timeout: 45_000 });
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.part.panel .markers-panel');
  let listed = '';
  await waitFor('the Problems panel to list the field that does not fit', async () => {
    listed = await problems.innerText().catch(() => '');
    return /does not fit Avro · orders-avro v2: \$\.amount/.test(listed);
  });
  // …on the line of "amount" in the first block's value (line 5).
  assert.match(listed, /\$\.amount[^\n]*[\s\S]*Ln 5, Col/, listed);

  // Completion of a Schema line: the schemas of a registry.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`\n### typed\nPRODUCE ${fileTopic}-typed\nSchema: glue:${GLUE_REGISTRY}/`);
  await page.keyboard.press('Control+Space');
  const suggestion = page.locator('.editor-widget.suggest-widget .monaco-list-row', { hasText: GLUE_SCHEMAS.protobuf });
  await suggestion.first().waitFor({ timeout: 45_000 });
  await page.keyboard.press('Escape');

  // ▶ Produce on the block that fits: sent encoded, and the tail shows it decoded.
  const lens = editor.locator('.codelens-decoration a', { hasText: new RegExp(`▶ Produce to ${fileTopic}$`) });
  await lens.first().click({ timeout: 45_000 });
  const status = editor.locator('.codelens-decoration a', { hasText: /✓ 1 sent → p0@0/ });
  await status.first().waitFor({ timeout: 45_000 });
  assert.deepEqual(await highWatermarks(fileTopic), [{ partition: 0, high: '1' }]);
  await status.first().click();
  await wb.clickNotificationButton(`${fileTopic}: ✓ 1 sent`, 'Tail this topic');
  const view = await wb.waitForWebview(
    new RegExp(`(?=[\\s\\S]*Tail: ${fileTopic})(?=[\\s\\S]*Avro · orders-avro v2)(?=[\\s\\S]*file-order-1)`),
    60_000,
  );
  assert.ok(view.text.includes('"amount":"7.25"'), 'the decimal decoded back as written');
});

void test('the producer panel writes with a Confluent subject, and the tail shows the record decoded', async () => {
  const { wb } = ui;
  // The registry's password, kept in VS Code's secret storage.
  await wb.runCommand('MSK: Set Schema Registry Secret…');
  await wb.answerInputBox(confluent.password);
  await wb.waitForNotification(/The password of .* is stored\./, 30_000);

  await wb.runCommand('MSK: Produce to Topic…');
  await wb.pickQuickItem(CLUSTER);
  await wb.pickQuickItem(confluentTopic);
  const { frame } = await wb.waitForWebview(`Produce to ${confluentTopic} on ${CLUSTER}`, 45_000);
  await frame.locator('#value-schema-kind').selectOption('confluent');
  const subject = frame.locator('#value-schema-name');
  await waitFor('the subjects of the Confluent registry', async () =>
    (await subject.locator('option').allInnerTexts()).includes(CONFLUENT_SUBJECTS.avro),
  );
  await subject.selectOption(CONFLUENT_SUBJECTS.avro);
  const version = frame.locator('#value-schema-version');
  await waitFor('the versions of the subject', async () => (await version.inputValue()) === 'latest');
  // Avro: no message type to pick, and the Confluent wire format has no zlib.
  assert.equal(await frame.locator('#value-schema-type').isVisible(), false);
  assert.equal(await frame.locator('#value-schema-zlib').isVisible(), false);

  const order = {
    id: 'ui-confluent-1',
    customer: 'Ada',
    amount: '3.20',
    status: 'NEW',
    created: '2026-12-01T11:00:00.000Z',
    lines: ['sku-2'],
    note: 'via Confluent',
    trackingId: null,
  };
  await frame.locator('#value').fill(JSON.stringify(order, null, 2));
  const status = frame.locator('#value-schema-status');
  await status.filter({ hasText: `Fits Avro · ${CONFLUENT_SUBJECTS.avro}` }).waitFor({ timeout: 30_000 });
  await frame.locator('#send').click();
  await frame.locator('#result-summary', { hasText: '1 sent' }).waitFor({ timeout: 45_000 });

  await frame.locator('#tail').click();
  const tail = await wb.waitForWebview(
    new RegExp(
      `(?=[\\s\\S]*Tail: ${confluentTopic})(?=[\\s\\S]*Avro · ${CONFLUENT_SUBJECTS.avro.replace(/\./g, '\\.')})(?=[\\s\\S]*ui-confluent-1)`,
    ),
    60_000,
  );
  assert.ok(tail.text.includes('"note":"via Confluent"'), 'the value decoded back as written');
  assert.doesNotMatch(tail.text, /Not decoded/);
});

void test('a Glue Protobuf schema: the message type picker and zlib; the tail shows the record decoded', async () => {
  const { wb } = ui;
  await wb.runCommand('MSK: Produce to Topic…');
  await wb.pickQuickItem(CLUSTER);
  await wb.pickQuickItem(protoTopic);
  const { frame } = await wb.waitForWebview(`Produce to ${protoTopic} on ${CLUSTER}`, 45_000);
  await frame.locator('#value-schema-kind').selectOption('glue');
  await frame.locator('#value-schema-registry').selectOption(GLUE_REGISTRY);
  await frame.locator('#value-schema-name').selectOption(GLUE_SCHEMAS.protobuf);
  const type = frame.locator('#value-schema-type');
  await type.waitFor({ state: 'visible', timeout: 30_000 });
  assert.deepEqual(await type.locator('option').allInnerTexts(), [
    'sandbox.orders.Order (default)',
    'sandbox.orders.Order.Line',
    'sandbox.orders.OrderCancelled',
  ]);
  await type.selectOption('sandbox.orders.OrderCancelled');
  await frame.locator('#value-schema-zlib').check();

  await frame.locator('#value').fill(JSON.stringify({ id: 'ui-cancel-1', reason: 'changed mind' }));
  const status = frame.locator('#value-schema-status');
  await status.filter({ hasText: `Fits Protobuf · ${GLUE_SCHEMAS.protobuf} v1` }).waitFor({ timeout: 30_000 });
  await frame.locator('#send').click();
  await frame.locator('#result-summary', { hasText: '1 sent' }).waitFor({ timeout: 45_000 });
  const [record] = await readBack(protoTopic, 1);
  assert.equal(record.raw.value?.[1], 5, 'the Glue compression byte says zlib');

  await frame.locator('#tail').click();
  const tail = await wb.waitForWebview(
    new RegExp(
      `(?=[\\s\\S]*Tail: ${protoTopic})(?=[\\s\\S]*Protobuf · ${GLUE_SCHEMAS.protobuf} v1)(?=[\\s\\S]*ui-cancel-1)`,
    ),
    60_000,
  );
  assert.ok(tail.text.includes('"reason":"changed mind"'), 'decoded as the type it was written as');
  assert.doesNotMatch(tail.text, /Not decoded/);
});
