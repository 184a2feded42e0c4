/**
 * Runs AWS's Glue Schema Registry serde (test/interop/glue-serde, a Maven project depending on
 * software.amazon.glue:schema-registry-serde from Maven Central) against the sandbox: builds it
 * with `mvn package` when its sources changed (cached in target/), then writes records with the
 * serde's Kafka serializer or reads them with its deserializer and returns the JSON lines it prints.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SandboxState } from '../../sandbox/state';

const PROJECT = resolve(__dirname, 'glue-serde');
const TARGET = join(PROJECT, 'target');
const CLASSPATH_FILE = join(TARGET, 'classpath.txt');
const MAIN_CLASS = join(TARGET, 'classes', 'sandbox', 'interop', 'Main.class');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the harness when needed; returns its runtime classpath. Throws with Maven's output when the build fails. */
export function buildHarness(): string {
  const sources = Math.max(statSync(join(PROJECT, 'pom.xml')).mtimeMs, newestSource(join(PROJECT, 'src')));
  const built = existsSync(MAIN_CLASS) && existsSync(CLASSPATH_FILE) ? statSync(MAIN_CLASS).mtimeMs : 0;
  if (built < sources) {
    const r = spawnSync('mvn', ['-B', '-q', 'package'], { cwd: PROJECT, encoding: 'utf8', timeout: 15 * 60_000 });
    if (r.error)
      throw new Error(`mvn could not run (is Maven installed? see scripts/preflight.mjs): ${r.error.message}`);
    if (r.status !== 0) {
      throw new Error(
        `mvn package of ${PROJECT} failed:\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-30).join('\n')}`,
      );
    }
  }
  return `${join(TARGET, 'classes')}:${readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
}

export interface HarnessTarget {
  state: SandboxState;
  topic: string;
}

function commonArgs(t: HarnessTarget): string[] {
  return [
    '--bootstrap',
    t.state.listeners.plaintext,
    '--endpoint',
    t.state.controlPlaneEndpoint,
    '--region',
    t.state.region,
    '--topic',
    t.topic,
  ];
}

function runJava(classpath: string, state: SandboxState, args: string[], stdin = ''): Promise<string[]> {
  const admin = state.principals.admin;
  return new Promise((resolvePromise, reject) => {
    const child = spawn('java', ['-cp', classpath, 'sandbox.interop.Main', ...args], {
      // The child's own environment: the AWS SDK's default credential chain reads these.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        AWS_ACCESS_KEY_ID: admin.accessKeyId,
        AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
        AWS_REGION: state.region,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(out.split('\n').filter((l) => l.trim() !== ''));
      else
        reject(
          new Error(
            `the Java serde harness (${args[0]}) exited with ${code}:\n${err.split('\n').slice(-25).join('\n')}`,
          ),
        );
    });
    child.stdin.end(stdin);
  });
}

export interface JavaWrite extends HarnessTarget {
  registry: string;
  schemaName: string;
  dataFormat: 'AVRO' | 'PROTOBUF' | 'JSON';
  compression: 'NONE' | 'ZLIB';
  definition: string;
  messageType?: string;
  records: { key: string; value: unknown }[];
}

/** The serde's Kafka serializer (auto-registration on) writes the records to partition 0. */
export async function javaWrite(classpath: string, w: JavaWrite): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'glue-interop-'));
  try {
    const file = join(dir, 'definition.txt');
    writeFileSync(file, w.definition);
    await runJava(
      classpath,
      w.state,
      [
        'write',
        ...commonArgs(w),
        '--registry',
        w.registry,
        '--schema',
        w.schemaName,
        '--format',
        w.dataFormat,
        '--compression',
        w.compression,
        '--definition',
        file,
        ...(w.messageType ? ['--message-type', w.messageType] : []),
      ],
      w.records.map((r) => JSON.stringify(r)).join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The serde's Kafka deserializer reads the first `count` records of partition 0. */
export async function javaRead(
  classpath: string,
  t: HarnessTarget,
  count: number,
): Promise<{ offset: number; key: string | null; value: unknown }[]> {
  const lines = await runJava(classpath, t.state, ['read', ...commonArgs(t), '--count', String(count)]);
  return lines.map((l) => JSON.parse(l) as { offset: number; key: string | null; value: unknown });
}
