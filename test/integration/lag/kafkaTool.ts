/**
 * Kafka's own `kafka-consumer-groups` (ConsumerGroupCommand from org.apache.kafka:kafka-tools),
 * run from Maven jars of the sandbox broker's version, and its `--describe` output parsed into
 * rows. Shared by the lag integration tests and bench/lagBench.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runtimeClasspath } from '../../../sandbox/lifecycle/maven';

const root = resolve(__dirname, '..', '..', '..');

export function run(
  cmd: string,
  args: string[],
  okExit = false,
): Promise<{ stdout: string; stderr: string; ms: number; code: number }> {
  const started = performance.now();
  return new Promise((res, rej) => {
    execFile(cmd, args, { maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      if (err && !okExit) rej(new Error(`${cmd} failed: ${err.message}\n${stderr.slice(-2000)}`));
      else res({ stdout, stderr, ms: performance.now() - started, code });
    });
  });
}

/** The sandbox broker's runtime classpath plus the kafka-tools jars of the same version (cached). */
export async function toolsClasspath(version: string): Promise<string> {
  const dir = join(root, 'sandbox', 'broker', 'target', `bench-tools-${version}`);
  const cacheFile = join(dir, 'classpath.txt');
  if (!existsSync(cacheFile)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'pom.xml'),
      `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>bench</groupId><artifactId>bench-lag-tools</artifactId><version>1</version>
<dependencies><dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>${version}</version></dependency></dependencies>
</project>`,
    );
    await run('mvn', [
      '-q',
      '-B',
      '-f',
      join(dir, 'pom.xml'),
      'dependency:build-classpath',
      `-Dmdep.outputFile=${cacheFile}`,
    ]);
  }
  const broker = await runtimeClasspath(version);
  return `${broker}:${readFileSync(cacheFile, 'utf8').trim()}`;
}

export const CONSUMER_GROUP_COMMAND = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';

/** Kafka's `kafka-consumer-groups` (ConsumerGroupCommand) from `classpath`; `okExit`: a failing exit resolves (with its code). */
export function consumerGroupCommand(classpath: string, args: string[], okExit = false): ReturnType<typeof run> {
  return run('java', ['-cp', classpath, CONSUMER_GROUP_COMMAND, ...args], okExit);
}

/** One row of `--describe` (the tool's `-` becomes undefined). */
export interface ToolRow {
  group: string;
  topic?: string;
  partition?: number;
  currentOffset?: number;
  logEndOffset?: number;
  lag?: number;
  consumerId?: string;
  host?: string;
  clientId?: string;
}

export interface ToolDescribe {
  rows: ToolRow[];
  /** What the tool printed besides the rows (notes such as "has no active members", errors). */
  messages: string;
}

const dash = (s: string): string | undefined => (s === '-' ? undefined : s);
const num = (s: string): number | undefined => (s === '-' ? undefined : Number(s));

/** Parses the tool's `--describe` table (header GROUP TOPIC PARTITION CURRENT-OFFSET …). */
export function parseDescribe(stdout: string, stderr = ''): ToolDescribe {
  const rows: ToolRow[] = [];
  const other: string[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    const cols = line.trim().split(/\s+/);
    if (cols[0] === 'GROUP' && cols[1] === 'TOPIC') continue;
    if (cols.length !== 9) {
      other.push(line.trim());
      continue;
    }
    const [group, topic, partition, current, end, lag, consumerId, host, clientId] = cols;
    rows.push({
      group,
      topic: dash(topic),
      partition: num(partition),
      currentOffset: num(current),
      logEndOffset: num(end),
      lag: num(lag),
      consumerId: dash(consumerId),
      host: dash(host),
      clientId: dash(clientId),
    });
  }
  return { rows, messages: [...other, stderr.trim()].filter(Boolean).join('\n') };
}

/** Runs `--describe --group …` for the given groups. */
export async function describeWithTool(
  classpath: string,
  bootstrap: string,
  groups: readonly string[],
): Promise<ToolDescribe> {
  const r = await consumerGroupCommand(
    classpath,
    ['--bootstrap-server', bootstrap, '--describe', ...groups.flatMap((g) => ['--group', g])],
    true,
  );
  return parseDescribe(r.stdout, r.stderr);
}
