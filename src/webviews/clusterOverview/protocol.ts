/**
 * The whole contract between the Cluster Overview webview and the extension host.
 * The host validates everything it receives with `parseOverviewRequest` before acting on it.
 */
import type { BrokerRow, ClusterRef, ConnectorRow } from '../../services/clusterModel';

export interface OverviewData {
  cluster: Omit<ClusterRef, 'creationTime'> & { creationTime?: string };
  brokers: BrokerRow[];
  topics: { total: number; internal: number; partitions: number; underReplicated: string[] };
  groups: { total: number; byState: Record<string, number> };
  connectors: ConnectorRow[] | { error: string };
  loadedAt: string;
}

/** Host → webview. */
export type OverviewMessage =
  { type: 'loading' } | { type: 'data'; data: OverviewData } | { type: 'error'; message: string; hint?: string };

/** Webview → host. */
export type OverviewRequest = { type: 'ready' } | { type: 'refresh' } | { type: 'copy'; text: string };

export function parseOverviewRequest(raw: unknown): OverviewRequest | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const msg = raw as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
    case 'refresh':
      return { type: msg.type };
    case 'copy':
      return typeof msg.text === 'string' && msg.text.length <= 10_000 ? { type: 'copy', text: msg.text } : undefined;
    default:
      return undefined;
  }
}
