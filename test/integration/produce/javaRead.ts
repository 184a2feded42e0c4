/**
 * Kafka's own Java console consumer (the sandbox broker's version, see ../support/javaConsole.ts) as
 * the reference reader of what the produce engine wrote: raw bytes of every record with its partition,
 * key and headers, read over SCRAM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxState } from '../../../sandbox/state';
import { toolsClasspath } from '../lag/kafkaTool';

export interface JavaRecord {
  partition: number;
  offset: string;
  /** `name:value` pairs as the tool prints them (text header values). */
  headers: string;
  key: Buffer;
  value: Buffer;
}

/** Field and record separators no test payload contains. */
const FIELD = '<|f7c1|>';
const END = '<|r7c1|>\n';

function split(buf: Buffer, sep: string): Buffer[] {
  const parts: Buffer[] = [];
  let at = 0;
  for (let i = buf.indexOf(sep, at); i >= 0; i = buf.indexOf(sep, at)) {
    parts.push(buf.subarray(at, i));
    at = i + sep.length;
  }
  parts.push(buf.subarray(at));
  return parts;
}

/** Reads `count` records from the beginning (group `group`; delete it after). */
export async function javaReadRaw(
  state: SandboxState,
  topic: string,
  group: string,
  count: number,
): Promise<JavaRecord[]> {
  const cp = await toolsClasspath(state.kafkaVersion);
  const dir = mkdtempSync(join(tmpdir(), 'msk-java-read-'));
  const file = join(dir, 'client.properties');
  const { scramUser, scramPassword } = state.principals.admin;
  writeFileSync(
    file,
    [
      'security.protocol=SASL_SSL',
      'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${scramUser}" password="${scramPassword}";`,
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${state.caFile}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  try {
    const props = [
      'print.partition=true',
      'print.offset=true',
      'print.headers=true',
      'print.key=true',
      `key.separator=${FIELD}`,
      `headers.separator=,`,
      `line.separator=${END}`,
    ].flatMap((p) => ['--property', p]);
    const out = await new Promise<Buffer>((resolve, reject) => {
      const child = spawn(
        'java',
        [
          '-cp',
          cp,
          'org.apache.kafka.tools.consumer.ConsoleConsumer',
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
          '60000',
          '--consumer.config',
          file,
          ...props,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const chunks: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`console consumer exited ${code}: ${stderr}`)),
      );
    });
    const records = split(out, END).filter((r) => r.length > 0);
    return records.map((r) => {
      const [partition, offset, headers, key, ...value] = split(r, FIELD);
      return {
        partition: Number(/Partition:(\d+)/.exec(partition.toString('utf8'))?.[1]),
        offset: /Offset:(\d+)/.exec(offset.toString('utf8'))?.[1] ?? '',
        headers: headers.toString('utf8'),
        key,
        value: value.length === 1 ? value[0] : Buffer.concat(value),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
