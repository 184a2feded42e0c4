/**
 * Connection specs for the running sandbox, one per auth kind, plus a log collector and a tiny TCP
 * forwarder standing in for an SSH/SSM tunnel.
 */
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import type { KafkaConnectionSpec } from '../../../src/kafka/connection';
import { KafkaClientPool } from '../../../src/kafka/clientPool';
import type { KafkaClientOptions } from '../../../src/kafka/kafkaConfig';
import { readSandboxState, type SandboxPrincipal, type SandboxState } from '../../../sandbox/state';

export type SpecKind = 'iam' | 'scram' | 'mtls' | 'plaintext' | 'tls';

let cached: SandboxState | undefined;
export function state(): SandboxState {
  cached ??= readSandboxState();
  return cached;
}

/** PEM text of a sandbox file reference (sandbox.json stores paths). */
export function pem(pathOrPem: string): string {
  return pathOrPem.startsWith('-----') ? pathOrPem : readFileSync(pathOrPem, 'utf8');
}

export function principal(name: 'admin' | 'readonly' = 'admin'): SandboxPrincipal {
  return state().principals[name];
}

/** A spec reaching the sandbox with one auth kind as one principal. */
export function specFor(
  kind: SpecKind,
  who: 'admin' | 'readonly' = 'admin',
  overrides: Partial<KafkaConnectionSpec> = {},
): KafkaConnectionSpec {
  const s = state();
  const p = principal(who);
  const ca = pem(s.caFile);
  const common = { id: `it-${kind}-${who}`, label: `sandbox ${kind} (${who})`, clusterArn: s.clusters.provisioned.arn };
  let spec: KafkaConnectionSpec;
  switch (kind) {
    case 'iam':
      spec = {
        ...common,
        bootstrapServers: [s.listeners.iam],
        tls: true,
        ca,
        auth: {
          kind: 'iam',
          region: s.region,
          credentials: () => Promise.resolve({ accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey }),
        },
      };
      break;
    case 'scram':
      spec = {
        ...common,
        bootstrapServers: [s.listeners.scram],
        tls: true,
        ca,
        auth: {
          kind: 'scram',
          mechanism: 'scram-sha-512',
          username: p.scramUser,
          password: () => Promise.resolve(p.scramPassword),
        },
      };
      break;
    case 'mtls':
      spec = {
        ...common,
        bootstrapServers: [s.listeners.tls],
        tls: true,
        ca,
        auth: { kind: 'mtls', cert: pem(p.clientCert), key: pem(p.clientKey) },
      };
      break;
    case 'tls':
      spec = { ...common, bootstrapServers: [s.listeners.tls], tls: true, ca, auth: { kind: 'tls' } };
      break;
    case 'plaintext':
      spec = { ...common, bootstrapServers: [s.listeners.plaintext], tls: false, auth: { kind: 'plaintext' } };
      break;
  }
  return { ...spec, ...overrides };
}

/** Every secret of the sandbox principals, to prove none reaches a log line or message. */
export function secrets(): string[] {
  const out: string[] = [];
  for (const p of Object.values(state().principals)) out.push(p.secretAccessKey, p.scramPassword);
  return out.filter((x) => x.length >= 6);
}

export class MemoryLogger {
  readonly lines: string[] = [];
  debug = (m: string) => void this.lines.push(`debug ${m}`);
  info = (m: string) => void this.lines.push(`info ${m}`);
  warn = (m: string) => void this.lines.push(`warn ${m}`);
  error = (m: string | Error) => void this.lines.push(`error ${String(m)}`);
}

/** Quick-failing client settings for tests. */
export const FAST: KafkaClientOptions = {
  connectionTimeout: 3000,
  requestTimeout: 15_000,
  retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
};

export function newPool(logger = new MemoryLogger(), clientOptions: KafkaClientOptions = FAST): KafkaClientPool {
  return new KafkaClientPool({ logger, clientOptions });
}

/** Polls `fn` until it returns a value that is not undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A TCP forwarder on 127.0.0.1:<random> to `target`, counting connections (a stand-in for a tunnel). */
export async function startForwarder(target: { host: string; port: number }): Promise<{
  port: number;
  connections: () => number;
  close: () => Promise<void>;
}> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    count++;
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A local port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
