/**
 * Helpers for integration tests against the running sandbox (started with `npm run sandbox`):
 * kafkajs settings per listener, unique names, topic set-up/clean-up, produce/consume round
 * trips and kcat.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, type Admin, type KafkaConfig } from 'kafkajs';
import {
  iamTokenProvider,
  kafkaConfig,
  type ClientOptions,
  type ListenerKind,
} from '../../../sandbox/lifecycle/clients';
import { readSandboxState, type SandboxState } from '../../../sandbox/state';

export { iamTokenProvider, kafkaConfig, type ClientOptions, type ListenerKind };

let cached: SandboxState | undefined;

/** sandbox.json of the running sandbox. */
export function sandbox(): SandboxState {
  cached ??= readSandboxState();
  return cached;
}

/** A name no other test run uses: prefix-<time>-<random>. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Runs fn with a connected admin client (plaintext listener unless told otherwise). */
export async function withAdmin<T>(
  fn: (admin: Admin) => Promise<T>,
  config: KafkaConfig = kafkaConfig(sandbox(), 'plaintext'),
): Promise<T> {
  const admin = new Kafka(config).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Tracks the topics and groups a test file creates and deletes them at the end. */
export class Cleanup {
  readonly topics = new Set<string>();
  readonly groups = new Set<string>();

  async createTopic(prefix: string, partitions = 1): Promise<string> {
    const topic = uniqueName(prefix);
    this.topics.add(topic);
    await withAdmin(async (admin) => {
      await admin.createTopics({
        topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
        waitForLeaders: true,
      });
    });
    return topic;
  }

  group(prefix: string): string {
    const g = uniqueName(prefix);
    this.groups.add(g);
    return g;
  }

  async run(): Promise<void> {
    await withAdmin(async (admin) => {
      if (this.groups.size) {
        const existing = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
        const mine = [...this.groups].filter((g) => existing.has(g));
        if (mine.length) await admin.deleteGroups(mine);
      }
      if (this.topics.size) await admin.deleteTopics({ topics: [...this.topics] });
    });
  }
}

/** Produces the values to the topic through the given client settings. */
export async function produce(config: KafkaConfig, topic: string, values: string[]): Promise<void> {
  const producer = new Kafka(config).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: values.map((value) => ({ value })) });
  } finally {
    await producer.disconnect();
  }
}

/** Consumes `count` values from the beginning of the topic (or throws when the deadline passes). */
export async function consume(
  config: KafkaConfig,
  topic: string,
  groupId: string,
  count: number,
  timeoutMs = 30_000,
): Promise<string[]> {
  const consumer = new Kafka(config).consumer({
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 250,
  });
  const received: string[] = [];
  let failure: Error | undefined;
  await consumer.connect();
  try {
    consumer.on(consumer.events.CRASH, (e) => {
      failure = e.payload.error;
    });
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push(message.value?.toString('utf8') ?? '');
        await Promise.resolve();
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (received.length < count && !failure && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (failure) throw failure;
    if (received.length < count)
      throw new Error(`consumed ${received.length} of ${count} messages from ${topic} within ${timeoutMs} ms`);
    return received;
  } finally {
    await consumer.disconnect();
  }
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs kcat with a librdkafka properties file (kept out of the command line: it may hold a password). */
export async function kcat(
  args: string[],
  properties: Record<string, string>,
  input?: string,
  timeoutMs = 30_000,
): Promise<CommandResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kcat-'));
  const file = join(dir, 'kcat.properties');
  writeFileSync(
    file,
    Object.entries(properties)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
    { mode: 0o600 },
  );
  try {
    return await new Promise<CommandResult>((resolve, reject) => {
      const child = spawn('kcat', ['-F', file, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`kcat ${args.join(' ')} did not finish within ${timeoutMs} ms; stderr: ${stderr}`));
      }, timeoutMs);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(input ?? '');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** librdkafka properties reaching the sandbox through one listener as the admin principal. */
export function kcatProperties(state: SandboxState, listener: 'plaintext' | 'tls' | 'scram'): Record<string, string> {
  const admin = state.principals.admin;
  const base = { 'bootstrap.servers': state.listeners[listener] };
  switch (listener) {
    case 'plaintext':
      return base;
    case 'tls':
      return {
        ...base,
        'security.protocol': 'ssl',
        'ssl.ca.location': state.caFile,
        'ssl.certificate.location': admin.clientCert,
        'ssl.key.location': admin.clientKey,
      };
    case 'scram':
      return {
        ...base,
        'security.protocol': 'sasl_ssl',
        'ssl.ca.location': state.caFile,
        'sasl.mechanisms': 'SCRAM-SHA-512',
        'sasl.username': admin.scramUser,
        'sasl.password': admin.scramPassword,
      };
  }
}
