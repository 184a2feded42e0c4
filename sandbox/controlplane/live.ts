/**
 * The live SandboxView: sandbox.json (re-read when it changes), the broker list from the real
 * cluster metadata (kafkajs admin over the plaintext listener) and the connectors from the real
 * Connect worker REST API, each cached for a moment so a burst of API calls costs one lookup.
 */
import { statSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxState } from '../state';
import { serviceUnavailable } from './errors';
import { LagSampler } from './lagSampler';
import type { BrokerNode, SandboxView, WorkerConnector, WorkerTask } from './view';
import { controlPlaneKafka } from './brokerClient';

export interface LiveOptions {
  /** How long live lookups are reused, in ms. */
  cacheMs?: number;
  /** Per-lookup timeout in ms. */
  timeoutMs?: number;
  /** "127.0.0.1:<port>" of the black hole the sandbox-private cluster's brokers are at. */
  privateBrokers?: string;
}

/** Reuses one lookup per key for `ttlMs`; concurrent callers share it; a failed lookup is not reused. */
export class Memo<T> {
  private entry: { key: string; at: number; value: Promise<T> } | undefined;

  constructor(private readonly ttlMs: number) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entry;
    if (hit && hit.key === key && now - hit.at < this.ttlMs) return hit.value;
    const entry = { key, at: now, value: load() };
    this.entry = entry;
    entry.value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return entry.value;
  }
}

export class LiveSandbox {
  private stateCache: { mtimeMs: number; size: number; state: SandboxState } | undefined;
  private readonly brokerMemo: Memo<BrokerNode[]>;
  private readonly connectorMemo: Memo<WorkerConnector[]>;
  private readonly lagSampler: LagSampler;
  private readonly timeoutMs: number;
  private readonly privateBrokers: string;
  readonly epoch: Date;

  constructor(
    readonly statePath: string,
    opts: LiveOptions = {},
  ) {
    this.brokerMemo = new Memo(opts.cacheMs ?? 1000);
    this.connectorMemo = new Memo(opts.cacheMs ?? 1000);
    this.timeoutMs = opts.timeoutMs ?? 5000;
    // Without a black hole: port 9 (discard) on loopback, which nothing in the sandbox serves.
    this.privateBrokers = opts.privateBrokers ?? '127.0.0.1:9';
    this.epoch = sandboxEpoch(statePath);
    this.lagSampler = new LagSampler(() => this.state());
  }

  /** sandbox.json, re-read when its mtime or size changed. */
  state(): SandboxState {
    const st = statSync(this.statePath);
    if (!this.stateCache || this.stateCache.mtimeMs !== st.mtimeMs || this.stateCache.size !== st.size) {
      const state = JSON.parse(readFileSync(this.statePath, 'utf8')) as SandboxState;
      this.stateCache = { mtimeMs: st.mtimeMs, size: st.size, state };
    }
    return this.stateCache.state;
  }

  view(): SandboxView {
    const state = this.state();
    return {
      state,
      epoch: this.epoch,
      brokers: () => this.brokerMemo.get(state.listeners.plaintext, () => fetchBrokers(state, this.timeoutMs)),
      connectors: () =>
        this.connectorMemo.get(state.connectUrl, () => fetchConnectors(state.connectUrl, this.timeoutMs)),
      lagMetrics: () => this.lagSampler.metrics(),
      privateBrokers: this.privateBrokers,
    };
  }
}

/** A fixed instant for one sandbox (its state folder's creation), floored to the minute. */
function sandboxEpoch(statePath: string): Date {
  let t = Date.now();
  try {
    const st = statSync(dirname(statePath));
    t = st.birthtimeMs > 0 ? st.birthtimeMs : st.mtimeMs;
  } catch {
    // keep now
  }
  return new Date(Math.floor(t / 60_000) * 60_000);
}

export async function fetchBrokers(state: SandboxState, timeoutMs: number): Promise<BrokerNode[]> {
  const kafka = controlPlaneKafka(state, 'msk-sandbox-controlplane', { requestTimeout: timeoutMs });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const meta = await admin.describeCluster();
    return meta.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port }));
  } catch (err) {
    throw serviceUnavailable(
      `The sandbox broker at ${state.listeners.plaintext} is not reachable: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

interface WorkerStatusJson {
  status?: {
    connector?: { state?: string; trace?: string };
    tasks?: { id?: number; state?: string; trace?: string }[];
    type?: string;
  };
  info?: { config?: Record<string, string>; type?: string };
}

/** Parses `GET /connectors?expand=status&expand=info` of the Connect REST API. */
export function parseWorkerConnectors(body: unknown): WorkerConnector[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new Error('unexpected response from the Connect worker');
  }
  return Object.entries(body as Record<string, WorkerStatusJson>).map(([name, v]) => {
    const tasks: WorkerTask[] = (v.status?.tasks ?? []).map((t, i) => ({
      id: t.id ?? i,
      state: t.state ?? 'UNASSIGNED',
      ...(t.trace ? { trace: t.trace } : {}),
    }));
    const trace = v.status?.connector?.trace;
    return {
      name,
      type: v.info?.type ?? v.status?.type ?? 'unknown',
      config: { ...(v.info?.config ?? {}) },
      state: v.status?.connector?.state ?? 'UNASSIGNED',
      ...(trace ? { trace } : {}),
      tasks,
    };
  });
}

export async function fetchConnectors(connectUrl: string, timeoutMs: number): Promise<WorkerConnector[]> {
  const url = `${connectUrl.replace(/\/$/, '')}/connectors?expand=status&expand=info`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (err) {
    throw serviceUnavailable(
      `The sandbox Connect worker at ${connectUrl} is not reachable: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (!res.ok) {
    throw serviceUnavailable(`The sandbox Connect worker at ${connectUrl} answered HTTP ${res.status}.`);
  }
  try {
    return parseWorkerConnectors(await res.json());
  } catch (err) {
    throw serviceUnavailable(
      `The sandbox Connect worker at ${connectUrl} sent an unreadable answer: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
