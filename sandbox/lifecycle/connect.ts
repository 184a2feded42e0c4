/**
 * The Kafka Connect distributed worker (same Kafka version as the broker) on the plaintext
 * listener, and the three connectors the sandbox keeps: a file source, a file sink, and a sink
 * whose task fails for a real reason (its output path lies under a regular file).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpRequest, waitFor } from './probes';
import { jvmOptions } from './broker';
import type { Paths, Settings } from './settings';
import { ADVERTISED_HOST } from './settings';

export const FILE_EVENTS_TOPIC = 'sandbox.file-events';

export interface ConnectFiles {
  properties: string;
  logFile: string;
  outFile: string;
  sourceFile: string;
  sinkFile: string;
  brokenSinkFile: string;
}

export function connectFiles(paths: Paths): ConnectFiles {
  return {
    properties: join(paths.configDir, 'connect-distributed.properties'),
    logFile: join(paths.logDir, 'connect.log'),
    outFile: join(paths.logDir, 'connect.out'),
    sourceFile: join(paths.connectFilesDir, 'file-events.txt'),
    sinkFile: join(paths.connectFilesDir, 'file-events.sink.txt'),
    // The parent is a regular file, so the sink task cannot create its output: it fails.
    brokenSinkFile: join(paths.connectFilesDir, 'not-a-directory', 'broken-sink.txt'),
  };
}

export function connectUrl(settings: Settings): string {
  return `http://127.0.0.1:${settings.ports.connect}`;
}

export function writeConnectConfig(settings: Settings, paths: Paths): ConnectFiles {
  const files = connectFiles(paths);
  mkdirSync(paths.connectFilesDir, { recursive: true });
  if (!existsSync(files.sourceFile)) {
    writeFileSync(
      files.sourceFile,
      [
        'sandbox event 1: hello from the file source',
        'sandbox event 2: append lines to this file',
        'sandbox event 3: and they become records',
        '',
      ].join('\n'),
    );
  }
  writeFileSync(
    join(paths.connectFilesDir, 'not-a-directory'),
    'The sandbox-broken-sink connector writes below this regular file, so its task fails.\n',
  );
  const port = settings.ports.connect;
  writeFileSync(
    files.properties,
    [
      '# Written by sandbox/cli.ts on every start; edits are overwritten.',
      `bootstrap.servers=${ADVERTISED_HOST}:${settings.ports.plaintext}`,
      'group.id=msk-sandbox-connect',
      'key.converter=org.apache.kafka.connect.json.JsonConverter',
      'value.converter=org.apache.kafka.connect.json.JsonConverter',
      'key.converter.schemas.enable=false',
      'value.converter.schemas.enable=false',
      'config.storage.topic=msk-sandbox-connect-configs',
      'offset.storage.topic=msk-sandbox-connect-offsets',
      'status.storage.topic=msk-sandbox-connect-status',
      'config.storage.replication.factor=1',
      'offset.storage.replication.factor=1',
      'offset.storage.partitions=5',
      'status.storage.replication.factor=1',
      'status.storage.partitions=1',
      'offset.flush.interval.ms=5000',
      `listeners=http://127.0.0.1:${port}`,
      'rest.advertised.host.name=127.0.0.1',
      `rest.advertised.port=${port}`,
      // Only plugins that declare themselves (ServiceLoader manifests): much faster than scanning.
      'plugin.discovery=service_load',
      '',
    ].join('\n'),
  );
  return files;
}

export function connectCommand(settings: Settings, paths: Paths, files: ConnectFiles, classpath: string): string[] {
  return [
    '-Xms128m',
    '-Xmx768m',
    ...jvmOptions(paths, settings, 'connect', files.logFile),
    '-cp',
    classpath,
    'org.apache.kafka.connect.cli.ConnectDistributed',
    files.properties,
  ];
}

export interface ConnectorSpec {
  name: string;
  config: Record<string, string>;
  /** The state the sandbox waits for: connector RUNNING and its task in this state. */
  taskState: 'RUNNING' | 'FAILED';
}

export function connectorSpecs(files: ConnectFiles): ConnectorSpec[] {
  const strings = {
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
  };
  return [
    {
      name: 'sandbox-file-source',
      taskState: 'RUNNING',
      config: {
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
        'tasks.max': '1',
        file: files.sourceFile,
        topic: FILE_EVENTS_TOPIC,
        ...strings,
      },
    },
    {
      name: 'sandbox-file-sink',
      taskState: 'RUNNING',
      config: {
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
        'tasks.max': '1',
        file: files.sinkFile,
        topics: FILE_EVENTS_TOPIC,
        ...strings,
      },
    },
    {
      name: 'sandbox-broken-sink',
      taskState: 'FAILED',
      config: {
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
        'tasks.max': '1',
        file: files.brokenSinkFile,
        topics: FILE_EVENTS_TOPIC,
        ...strings,
      },
    },
  ];
}

interface ConnectorStatus {
  connector: { state: string };
  tasks: { id: number; state: string; trace?: string }[];
}

/** Creates or updates the connectors and waits until each reaches its expected state. */
export async function ensureConnectors(
  url: string,
  files: ConnectFiles,
  timeoutMs: number,
  abort: () => string | undefined,
): Promise<void> {
  const specs = connectorSpecs(files);
  for (const spec of specs) {
    await waitFor(
      `Connect: create connector ${spec.name}`,
      async () => {
        const res = await httpRequest(`${url}/connectors/${spec.name}/config`, {
          method: 'PUT',
          body: { name: spec.name, ...spec.config },
        });
        if (res.status === 200 || res.status === 201) return true;
        throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 300)}`);
      },
      timeoutMs,
      { abort, intervalMs: 500 },
    );
  }
  for (const spec of specs) {
    let restarted = false;
    await waitFor(
      `Connect: connector ${spec.name} reaching RUNNING with its task ${spec.taskState}`,
      async () => {
        const res = await httpRequest(`${url}/connectors/${spec.name}/status`);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 300)}`);
        const status = JSON.parse(res.body) as ConnectorStatus;
        const task = status.tasks[0];
        if (status.connector.state === 'RUNNING' && task?.state === spec.taskState) return true;
        // A healthy connector whose task failed (e.g. the broker restarted under it) gets one restart.
        if (spec.taskState === 'RUNNING' && task?.state === 'FAILED' && !restarted) {
          restarted = true;
          await httpRequest(`${url}/connectors/${spec.name}/restart?includeTasks=true`, { method: 'POST' });
        }
        throw new Error(`connector ${status.connector.state}, task ${task?.state ?? 'not assigned yet'}`);
      },
      timeoutMs,
      { abort, intervalMs: 500 },
    );
  }
}
