/** Set-up and read-back for the produce UI test: topics, and the messages a topic holds. */
import { Kafka } from 'kafkajs';
import type { Locator, Page } from 'playwright-core';
import { kafkaConfig, sandbox, withAdmin } from '../../integration/support/sandbox';

export interface StoredMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Creates a topic with that exact name (one partition). */
export async function createTopicNamed(topic: string): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  });
}

/** The high watermark of each partition of the topic. */
export function highWatermarks(topic: string): Promise<{ partition: number; high: string }[]> {
  return withAdmin(async (admin) =>
    (await admin.fetchTopicOffsets(topic)).map((o) => ({ partition: o.partition, high: o.high })),
  );
}

/** Reads `count` messages from the beginning of the topic with a consumer of group `groupId`. */
export async function readMessages(topic: string, groupId: string, count: number): Promise<StoredMessage[]> {
  const consumer = new Kafka(kafkaConfig(sandbox(), 'plaintext')).consumer({
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 250,
  });
  const received: StoredMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${received.length} of ${count} messages of ${topic} in 60 s`)),
        60_000,
      );
      consumer.on(consumer.events.CRASH, (e) => {
        clearTimeout(timer);
        reject(e.payload.error);
      });
      void consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(message.headers ?? {}))
              headers[k] = Array.isArray(v) ? v.map(String).join(',') : String(v ?? '');
            received.push({
              partition,
              offset: message.offset,
              key: message.key ? message.key.toString('utf8') : null,
              value: message.value ? message.value.toString('utf8') : null,
              headers,
            });
            if (received.length >= count) {
              clearTimeout(timer);
              resolve();
            }
            await Promise.resolve();
          },
        })
        .catch((err: unknown) => {
          clearTimeout(timer);
          reject(err instanceof Error ? err : new Error(String(err)));
        });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/**
 * Types a `PRODUCE <prefix>` line at the end of the editor, asks for completion (Ctrl+Space) and
 * waits for the topic in the suggest widget; closes the widget.
 */
export async function expectTopicCompletion(page: Page, editor: Locator, prefix: string, topic: string): Promise<void> {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`\n### typed\nPRODUCE ${prefix}`);
  await page.keyboard.press('Control+Space');
  const suggestion = page.locator('.editor-widget.suggest-widget .monaco-list-row', { hasText: topic });
  await suggestion.first().waitFor({ timeout: 45_000 });
  await page.keyboard.press('Escape');
}
