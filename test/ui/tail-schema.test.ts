/**
 * A tail of a topic written with AWS Glue Schema Registry (the sandbox's seeded Avro orders, some
 * zlib-compressed, two schema versions): each row shows the decoded JSON and the schema that decoded
 * it, and a CEL filter runs over decoded fields; Export… writes the decoded values with their schema
 * reference (or, when chosen, the raw bytes) to the file typed in the save dialog. The README's picture of a decoded tail comes from
 * here (test-output/screenshots/tail-schema.png → media/screenshots/tail-schema.png).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SEED_COUNT, SEED_TOPICS, glueSeedVersionId, seedOrder } from '../integration/schema/fixtures';
import { waitFor } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';
const TOPIC = SEED_TOPICS.avro;

const ui = useWorkbench({ name: 'tail-schema', settings: { 'msk.tail.bufferSize': 1000 } });

void test('a tail of the seeded Avro topic shows decoded JSON with the schema name', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(360);
  await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem(CLUSTER, { view: VIEW, timeout: 45_000 });
  await wb.runCommand('MSK: Tail Topic…');
  await wb.pickQuickItem(CLUSTER);
  await wb.pickQuickItem(TOPIC);
  await wb.pickQuickItem('Oldest');
  const last = seedOrder(11);
  const view = await wb.waitForWebview(
    new RegExp(`(?=[\\s\\S]*Avro · orders-avro v1)(?=[\\s\\S]*Avro · orders-avro v2)(?=[\\s\\S]*${last.id})`),
    60_000,
  );
  const first = seedOrder(0);
  // The value column holds the decoded record: readable decimal and timestamp, not bytes.
  assert.ok(view.text.includes(`"id":"${first.id}"`), 'decoded id');
  assert.ok(view.text.includes(`"amount":"${first.amount}"`), 'the decimal as exact text');
  assert.ok(view.text.includes(`"created":"${first.created}"`), 'the timestamp as ISO text');
  assert.doesNotMatch(view.text, /fetching schema|Not decoded/);
});

void test('a CEL filter on decoded fields shows only the matching orders', async () => {
  const { wb } = ui;
  const { frame } = await wb.waitForWebview(new RegExp(`Tail: ${TOPIC.replace('.', '\\.')}`));
  // Grace's PAID orders: the 2nd and the 8th.
  await frame.locator('#filter-cel').fill('value.customer == "Grace" && value.status == "PAID"');
  await frame.locator('#filter-apply').click();
  const [a, b] = [seedOrder(1), seedOrder(7)];
  const view = await wb.waitForWebview(
    new RegExp(`^(?![\\s\\S]*${seedOrder(0).id})(?=[\\s\\S]*${a.id})(?=[\\s\\S]*${b.id})[\\s\\S]*· 2 shown`),
    30_000,
  );
  assert.match(view.text, /Avro · orders-avro v1/);
  assert.match(view.text, /Avro · orders-avro v2/);
  await frame.locator('.rows .row', { hasText: b.id }).click();
  await frame.locator('#detail-body', { hasText: 'valueSchema' }).waitFor();
  // The picture: the panel without the side bar, so the Value column has room.
  await wb.runCommand('View: Toggle Primary Side Bar Visibility');
  await frame.locator('.rows .row', { hasText: a.id }).waitFor();
  await wb.screenshot('tail-schema');
});

interface ExportedLine {
  offset: string;
  value: unknown;
  valueEncoding?: 'base64';
  valueSchema?: { registry: string; schemaVersionId: string; name: string; dataFormat: string };
}

/** Export… of the whole buffer, as the person picks it (decoded or raw), saved to `file`. */
async function exportTail(choice: 'Decoded values' | 'Raw bytes', file: string): Promise<ExportedLine[]> {
  const { wb } = ui;
  const { frame } = await wb.waitForWebview(new RegExp(`Tail: ${TOPIC.replace('.', '\\.')}`));
  // The notice of an earlier export is not taken for this one's.
  await wb.clearNotifications();
  await wb.clickForQuickInput(frame.locator('#export'), 'Export schema-encoded messages as…');
  await wb.pickQuickItem(choice);
  // The save dialog (code-server's simple file dialog): a path typed.
  await waitFor('the save dialog', async () => wb.quickInput().locator('.quick-input-box input').isVisible(), {
    timeoutMs: 30_000,
    intervalMs: 500,
  });
  await wb.answerInputBox(file);
  await wb.waitForNotification(`Exported ${SEED_COUNT.avro} messages of ${TOPIC}.`, 60_000);
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ExportedLine);
}

void test('Export… writes decoded values with their schema reference, or the raw bytes when chosen', async () => {
  const { wb } = ui;
  const decoded = await exportTail('Decoded values', join(wb.workspaceDir, 'orders-decoded.ndjson'));
  assert.equal(decoded.length, SEED_COUNT.avro, 'the whole buffer, not only the filtered rows');
  for (const [i, line] of decoded.entries()) {
    const v2 = i >= SEED_COUNT.avro / 2;
    assert.deepEqual(line.valueSchema, {
      registry: 'glue',
      schemaVersionId: glueSeedVersionId('orders-avro', v2 ? 2 : 1),
      name: `orders-avro v${v2 ? 2 : 1}`,
      dataFormat: 'AVRO',
    });
    assert.equal(line.valueEncoding, undefined);
    assert.deepEqual(
      { ...(line.value as object), note: undefined, trackingId: undefined },
      { ...seedOrder(i), note: undefined, trackingId: undefined },
    );
  }

  const raw = await exportTail('Raw bytes', join(wb.workspaceDir, 'orders-raw.ndjson'));
  assert.equal(raw.length, SEED_COUNT.avro);
  for (const line of raw) {
    assert.equal(line.valueEncoding, 'base64');
    assert.equal(line.valueSchema, undefined);
    const bytes = Buffer.from(line.value as string, 'base64');
    assert.equal(bytes[0], 3, 'the Glue header, as on the topic');
  }
});
