/**
 * Readiness probes: every wait polls a real condition until a deadline (no fixed sleeps).
 */
import { request } from 'node:http';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { readFileSync } from 'node:fs';
import { Kafka } from 'kafkajs';
import type { SandboxState } from '../state';
import { kafkaConfig, type ListenerKind } from './clients';

export class PartFailed extends Error {}

/** A sign of life of what is waited for: `token` changes while it makes progress; `text` says what it does. */
export interface Progress {
  token: string;
  text: string;
}

export interface WaitOptions {
  intervalMs?: number;
  /** Consulted on every round (e.g. "the process died"); ends the wait at once with its message. */
  abort?: () => string | undefined;
  /**
   * With progress: `timeoutMs` is how long the wait goes on WITHOUT progress (the token unchanged),
   * so a slow but busy part gets the time it needs, up to `hardCapMs`.
   */
  progress?: () => Progress | undefined;
  hardCapMs?: number;
  /** Called every `reportEveryMs` (default 10 s) while waiting, with the progress text and the seconds waited. */
  onWaiting?: (text: string, seconds: number) => void;
  reportEveryMs?: number;
}

/** Polls `check` until it returns true, or the deadline passes (see WaitOptions for progress). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  opts: WaitOptions = {},
): Promise<void> {
  const started = Date.now();
  const hardCap = started + (opts.progress ? (opts.hardCapMs ?? timeoutMs) : timeoutMs);
  let lastProgressAt = started;
  let lastToken: string | undefined;
  let lastText = '';
  let nextReport = started + (opts.reportEveryMs ?? 10_000);
  let lastError = '';
  for (;;) {
    const aborted = opts.abort?.();
    if (aborted) throw new PartFailed(`${what}: ${aborted}`);
    try {
      if (await check()) return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    const now = Date.now();
    const progress = opts.progress?.();
    if (progress) {
      if (progress.token !== lastToken) lastProgressAt = now;
      lastToken = progress.token;
      lastText = progress.text;
    }
    const seconds = Math.round((now - started) / 1000);
    if (now >= hardCap) {
      throw new PartFailed(
        `${what}: not ready after ${seconds}s${lastText ? ` (${lastText})` : ''}${lastError ? ` (last error: ${lastError})` : ''}`,
      );
    }
    if (now - lastProgressAt >= timeoutMs) {
      const silent = opts.progress ? `, no progress for ${Math.round(timeoutMs / 1000)}s` : '';
      throw new PartFailed(
        `${what}: not ready after ${seconds}s${silent}${lastText ? ` (${lastText})` : ''}${lastError ? ` (last error: ${lastError})` : ''}`,
      );
    }
    if (opts.onWaiting && now >= nextReport) {
      opts.onWaiting(lastText || 'waiting', seconds);
      nextReport = now + (opts.reportEveryMs ?? 10_000);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
  }
}

function splitHostPort(hostPort: string): { host: string; port: number } {
  const i = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, i), port: Number(hostPort.slice(i + 1)) };
}

/** A TCP connection to host:port succeeds. */
export function tcpOpen(hostPort: string, timeoutMs = 1000): Promise<boolean> {
  const { host, port } = splitHostPort(hostPort);
  return new Promise((resolve) => {
    const socket = netConnect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A TLS handshake with the broker completes and its certificate verifies against the sandbox CA. */
export function tlsHandshake(
  hostPort: string,
  caFile: string,
  client?: { cert: string; key: string },
  timeoutMs = 3000,
): Promise<true> {
  const { host, port } = splitHostPort(hostPort);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host,
      port,
      servername: host,
      ca: [readFileSync(caFile, 'utf8')],
      cert: client ? readFileSync(client.cert, 'utf8') : undefined,
      key: client ? readFileSync(client.key, 'utf8') : undefined,
    });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`TLS handshake with ${hostPort} timed out`));
    });
    socket.once('secureConnect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', (err: Error) => {
      socket.destroy();
      reject(new Error(`TLS handshake with ${hostPort} failed: ${err.message}`));
    });
  });
}

/** A kafkajs admin through the listener answers describeCluster. */
export async function describeCluster(state: SandboxState, listener: ListenerKind, timeoutMs = 3000): Promise<boolean> {
  const admin = new Kafka(
    kafkaConfig(state, listener, { clientId: 'msk-sandbox-probe', retries: 0, connectionTimeout: timeoutMs }),
  ).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export interface HttpAnswer {
  status: number;
  body: string;
}

export function httpRequest(
  url: string,
  opts: { method?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = request(
      url,
      {
        method: opts.method ?? 'GET',
        headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
        timeout: opts.timeoutMs ?? 5000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url} timed out`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
