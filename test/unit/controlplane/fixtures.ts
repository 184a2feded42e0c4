/**
 * A fake sandbox for the control plane unit tests: a SandboxState, fixed brokers and Connect
 * worker connectors, and a loopback control plane server the test starts and stops itself.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { NormalizedSchema } from '@smithy/core/schema';
import type { SandboxState } from '../../../sandbox/state';
import { serviceUnavailable } from '../../../sandbox/controlplane/errors';
import { LagMetricsStore } from '../../../sandbox/controlplane/lagMetrics';
import { createControlPlaneServer } from '../../../sandbox/controlplane/server';
import type { BrokerNode, SandboxView, WorkerConnector } from '../../../sandbox/controlplane/view';

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

export function fakeState(endpoint = 'http://127.0.0.1:4599'): SandboxState {
  const principal = (name: 'admin' | 'readonly', n: number) => ({
    name,
    accessKeyId: `AKIASANDBOX${name.toUpperCase()}${n}`,
    secretAccessKey: `secret-${name}-${n}-abcdefghijklmnopqrstuvwxyz`,
    scramUser: name,
    scramPassword: `scram-${name}-password-${n}`,
    clientCert: '/tmp/none/client.pem',
    clientKey: '/tmp/none/client.key',
  });
  return {
    schemaVersion: 1,
    kafkaVersion: '3.9.2',
    region: REGION,
    accountId: ACCOUNT,
    controlPlaneEndpoint: endpoint,
    caFile: '/tmp/none/ca.pem',
    listeners: {
      plaintext: 'localhost:19092',
      tls: 'localhost:19093',
      scram: 'localhost:19094',
      iam: 'localhost:19095',
      serverlessIam: 'localhost:19096',
    },
    principals: { admin: principal('admin', 1), readonly: principal('readonly', 2) },
    clientCert: '/tmp/none/client.pem',
    clientKey: '/tmp/none/client.key',
    connectUrl: 'http://127.0.0.1:18083',
    aws: {
      configFile: '/tmp/none/config',
      credentialsFile: '/tmp/none/credentials',
      profile: 'msk-sandbox',
      readonlyProfile: 'msk-sandbox-readonly',
    },
    clusters: {
      provisioned: {
        arn: `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/msk-sandbox/0b6e3c1a-5f3e-4a51-9c59-7f1d2e0c4b11-2`,
        name: 'msk-sandbox',
        type: 'PROVISIONED',
      },
      serverless: {
        arn: `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/msk-sandbox-serverless/5d0c7a9e-1b2c-4d3e-8f4a-6b5c4d3e2f1a-s1`,
        name: 'msk-sandbox-serverless',
        type: 'SERVERLESS',
      },
    },
    iamSessionLifetimeSeconds: 20,
    logDir: '/tmp/none/logs',
    stateDir: '/tmp/none',
  };
}

export const FAKE_BROKERS: BrokerNode[] = [
  { nodeId: 2, host: 'localhost', port: 19092 },
  { nodeId: 1, host: 'localhost', port: 19092 },
];

export const FAKE_CONNECTORS: WorkerConnector[] = [
  {
    name: 'file-source-orders',
    type: 'source',
    config: {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      file: '/tmp/orders.txt',
      topic: 'orders',
      'tasks.max': '1',
      name: 'file-source-orders',
    },
    state: 'RUNNING',
    tasks: [{ id: 0, state: 'RUNNING' }],
  },
  {
    name: 'file-sink-audit',
    type: 'sink',
    config: {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
      file: '/tmp/audit.txt',
      topics: 'audit',
      name: 'file-sink-audit',
    },
    state: 'RUNNING',
    tasks: [{ id: 0, state: 'RUNNING' }],
  },
  {
    name: 'broken-sink',
    type: 'sink',
    config: {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
      file: '/nonexistent/dir/out.txt',
      topics: 'audit',
      name: 'broken-sink',
    },
    state: 'RUNNING',
    tasks: [
      {
        id: 0,
        state: 'FAILED',
        trace:
          'org.apache.kafka.connect.errors.ConnectException: java.nio.file.NoSuchFileException: /nonexistent/dir/out.txt\n\tat org.apache.kafka.connect.file.FileStreamSinkTask.start(FileStreamSinkTask.java:80)',
      },
    ],
  },
];

export interface FakeSandbox {
  state: SandboxState;
  endpoint: string;
  server: Server;
  logs: string[];
  /** What the fake broker / worker answer; set to an Error to simulate an outage. */
  brokers: BrokerNode[] | Error;
  connectors: WorkerConnector[] | Error;
  /** The CloudWatch lag metrics the fake serves (feed it offsets samples); an Error: broker outage. */
  lagMetrics: LagMetricsStore | Error;
  close(): Promise<void>;
}

/** An AWS SDK client configuration for the fake, signed as a sandbox principal (keys overridable). */
export function sdkConfig(
  fake: FakeSandbox,
  who: 'admin' | 'readonly' = 'admin',
  keys: { accessKeyId?: string; secretAccessKey?: string } = {},
) {
  const p = fake.state.principals[who];
  return {
    endpoint: fake.endpoint,
    region: fake.state.region,
    credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey, ...keys },
    maxAttempts: 1,
  };
}

export async function startFakeControlPlane(opts: { now?: () => Date } = {}): Promise<FakeSandbox> {
  const logs: string[] = [];
  const fake: Partial<FakeSandbox> & {
    brokers: BrokerNode[] | Error;
    connectors: WorkerConnector[] | Error;
    lagMetrics: LagMetricsStore | Error;
  } = {
    brokers: FAKE_BROKERS,
    connectors: FAKE_CONNECTORS,
    lagMetrics: new LagMetricsStore('msk-sandbox'),
    logs,
  };
  const epoch = new Date('2026-01-15T10:00:00Z');
  const server = createControlPlaneServer({
    getView: (): SandboxView => ({
      state: fake.state as SandboxState,
      epoch,
      brokers: () =>
        fake.brokers instanceof Error
          ? Promise.reject(serviceUnavailable(fake.brokers.message))
          : Promise.resolve(fake.brokers),
      connectors: () =>
        fake.connectors instanceof Error
          ? Promise.reject(serviceUnavailable(fake.connectors.message))
          : Promise.resolve(fake.connectors),
      lagMetrics: () =>
        fake.lagMetrics instanceof Error
          ? Promise.reject(serviceUnavailable(fake.lagMetrics.message))
          : Promise.resolve(fake.lagMetrics),
      privateBrokers: '127.0.0.1:9',
    }),
    log: (line) => logs.push(line),
    ...(opts.now ? { now: opts.now } : {}),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  fake.state = fakeState(endpoint);
  fake.endpoint = endpoint;
  fake.server = server;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake as FakeSandbox;
}

/**
 * Checks a JSON value against an AWS SDK schema: every member name must be one the SDK reads
 * (its jsonName), and every scalar the type the SDK expects. Returns the problems found.
 */
export function wireShapeProblems(schema: unknown, value: unknown, path = '$'): string[] {
  const ns = NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]);
  const problems: string[] = [];
  const check = (n: NormalizedSchema, v: unknown, p: string): void => {
    if (v === null || v === undefined) return;
    if (n.isStructSchema()) {
      if (typeof v !== 'object' || Array.isArray(v)) {
        problems.push(`${p}: expected an object`);
        return;
      }
      const members = new Map<string, NormalizedSchema>();
      for (const [name, m] of n.structIterator()) {
        const jsonName = m.getMergedTraits().jsonName;
        members.set(typeof jsonName === 'string' ? jsonName : name, m);
      }
      for (const [k, sub] of Object.entries(v as Record<string, unknown>)) {
        const m = members.get(k);
        if (!m) problems.push(`${p}.${k}: not a member the SDK reads`);
        else check(m, sub, `${p}.${k}`);
      }
    } else if (n.isListSchema()) {
      if (!Array.isArray(v)) problems.push(`${p}: expected an array`);
      else v.forEach((item, i) => check(n.getValueSchema(), item, `${p}[${i}]`));
    } else if (n.isMapSchema()) {
      if (typeof v !== 'object' || Array.isArray(v)) problems.push(`${p}: expected a map`);
      else
        for (const [k, sub] of Object.entries(v as Record<string, unknown>))
          check(n.getValueSchema(), sub, `${p}{${k}}`);
    } else if (n.isBlobSchema()) {
      if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) problems.push(`${p}: expected base64`);
    } else if (n.isTimestampSchema()) {
      const fmt = n.getSchema();
      if (fmt === 5) {
        if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) problems.push(`${p}: expected an ISO-8601 date-time`);
      } else if (typeof v !== 'number') problems.push(`${p}: expected epoch seconds`);
    } else if (n.isStringSchema()) {
      if (typeof v !== 'string') problems.push(`${p}: expected a string`);
    } else if (n.isNumericSchema()) {
      if (typeof v !== 'number') problems.push(`${p}: expected a number`);
    } else if (n.isBooleanSchema()) {
      if (typeof v !== 'boolean') problems.push(`${p}: expected a boolean`);
    }
  };
  check(ns, value, path);
  return problems;
}

/** The output schema of an SDK operation schema `[9, ns, name, traits, input, output]`. */
export function outputSchemaOf(operationSchema: unknown): unknown {
  return (operationSchema as unknown[])[5];
}
