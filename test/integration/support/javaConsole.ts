/**
 * Kafka's own console producer and consumer (the Java clients of the sandbox broker's version, from
 * the same Maven jars), as the reference client where kcat cannot go: Debian's kcat (librdkafka
 * 2.0.2) fails SCRAM against Kafka 4.x, which enforces the RFC 5802 nonce check old librdkafka
 * violates. Used over SCRAM on every version, so the check is the same on 3.x and 4.x.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { run, toolsClasspath } from '../lag/kafkaTool';
import type { SandboxState } from '../../../sandbox/state';

/** The console tools' main classes: ConsoleProducer moved from core (3.x) to kafka-tools (4.x). */
function mainClasses(version: string): { producer: string; consumer: string } {
  const major = Number(version.split('.')[0]);
  return {
    producer: major >= 4 ? 'org.apache.kafka.tools.ConsoleProducer' : 'kafka.tools.ConsoleProducer',
    consumer: 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  };
}

/** Client properties for the SCRAM-SHA-512 listener as `admin`, trusting the sandbox CA (PEM). */
function scramProperties(state: SandboxState): string {
  const { scramUser, scramPassword } = state.principals.admin;
  return [
    'security.protocol=SASL_SSL',
    'sasl.mechanism=SCRAM-SHA-512',
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${scramUser}" password="${scramPassword}";`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${state.caFile}`,
  ].join('\n');
}

function withProperties<T>(state: SandboxState, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'msk-java-console-'));
  const file = join(dir, 'client.properties');
  writeFileSync(file, `${scramProperties(state)}\n`, { mode: 0o600 });
  return fn(file).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** Sends `lines` (one record each) with kafka-console-producer over SCRAM; resolves with its exit code and stderr. */
export async function javaProduceScram(
  state: SandboxState,
  topic: string,
  lines: string[],
): Promise<{ code: number; stderr: string }> {
  const cp = await toolsClasspath(state.kafkaVersion);
  const { producer } = mainClasses(state.kafkaVersion);
  return withProperties(
    state,
    (file) =>
      new Promise((resolve, reject) => {
        const child = spawn(
          'java',
          [
            '-cp',
            cp,
            producer,
            '--bootstrap-server',
            state.listeners.scram,
            '--topic',
            topic,
            '--producer.config',
            file,
          ],
          { stdio: ['pipe', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
        child.stdin.end(`${lines.join('\n')}\n`);
      }),
  );
}

/**
 * Reads `count` records from the beginning with kafka-console-consumer over SCRAM as `group` (name it
 * with Cleanup.group so it is deleted; the tool's own default is a random console-consumer-* group).
 */
export async function javaConsumeScram(
  state: SandboxState,
  topic: string,
  group: string,
  count: number,
): Promise<{ code: number; values: string[]; stderr: string }> {
  const cp = await toolsClasspath(state.kafkaVersion);
  const { consumer } = mainClasses(state.kafkaVersion);
  return withProperties(state, async (file) => {
    const r = await run(
      'java',
      [
        '-cp',
        cp,
        consumer,
        '--bootstrap-server',
        state.listeners.scram,
        '--topic',
        topic,
        '--group',
        group,
        '--from-beginning',
        '--max-messages',
        String(count),
        '--timeout-ms',
        '30000',
        '--consumer.config',
        file,
      ],
      true,
    );
    return { code: r.code, values: r.stdout.trimEnd().split('\n').filter(Boolean), stderr: r.stderr };
  });
}
