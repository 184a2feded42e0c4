/**
 * What the control plane knows about the running sandbox at request time: sandbox.json plus the
 * live broker metadata and Connect worker status (fetched on demand, see live.ts).
 */
import type { SandboxState } from '../state';
import type { LagMetricsStore } from './lagMetrics';
import type { SigningKey } from './sigv4';

export interface BrokerNode {
  nodeId: number;
  host: string;
  port: number;
}

export interface WorkerTask {
  id: number;
  state: string;
  trace?: string;
}

/** One connector as the Connect worker reports it (`GET /connectors?expand=status&expand=info`). */
export interface WorkerConnector {
  name: string;
  /** "source" | "sink" | "unknown" */
  type: string;
  config: Record<string, string>;
  state: string;
  trace?: string;
  tasks: WorkerTask[];
}

export interface SandboxView {
  state: SandboxState;
  /** Fixed instant all invented timestamps are derived from (stable for one sandbox). */
  epoch: Date;
  /** Live brokers from the real cluster metadata; throws an ApiError when the broker is unreachable. */
  brokers(): Promise<BrokerNode[]>;
  /** Live connectors from the real Connect worker; throws an ApiError when the worker is unreachable. */
  connectors(): Promise<WorkerConnector[]>;
  /**
   * MSK's CloudWatch consumer-lag metrics of the provisioned cluster, sampled from the real broker
   * moments ago; throws an ApiError when the broker is unreachable.
   */
  lagMetrics(): Promise<LagMetricsStore>;
  /**
   * "127.0.0.1:<port>" of the black hole (blackHole.ts) the sandbox-private cluster's brokers are
   * at: connections are accepted and never answered.
   */
  privateBrokers: string;
}

/** The sandbox principal that signs with an access key id, as SigV4 verification wants it. */
export function findKey(view: SandboxView, accessKeyId: string): SigningKey | undefined {
  const p = Object.values(view.state.principals ?? {}).find((x) => x.accessKeyId === accessKeyId);
  return p ? { name: p.name, accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey } : undefined;
}
