/**
 * The whole contract between the Cluster Overview webview and the extension host (see
 * ../shared/messages.ts): what the host notifies, and what the webview may send, with its validators.
 */
import type { BrokerRow, ClusterRef, ConnectorRow } from '../../services/clusterModel';
import { command, defineProtocol, isRecord, noParams, notification, type ErrorInfo } from '../shared/messages';

export interface OverviewData {
  cluster: Omit<ClusterRef, 'creationTime'> & { creationTime?: string };
  /** "Express (express.m7g.large)" / "Standard (kafka.m5.large)"; absent when MSK did not say (serverless, manual). */
  brokerKind?: string;
  /** "Tiered (local + remote)" / "Local (EBS)"; absent when MSK did not say. */
  storageMode?: string;
  /** "msk-sandbox-config, revision 2" / "MSK default configuration"; absent for serverless and manual clusters. */
  mskConfiguration?: string;
  brokers: BrokerRow[];
  topics: { total: number; internal: number; partitions: number; underReplicated: string[] };
  groups: { total: number; byState: Record<string, number> };
  connectors: ConnectorRow[] | { error: string };
  loadedAt: string;
}

const MAX_COPY_LENGTH = 10_000;

export const overviewProtocol = defineProtocol({
  name: 'cluster overview',
  notifications: {
    loading: notification(),
    data: notification<OverviewData>(),
    error: notification<ErrorInfo>(),
  },
  commands: {
    /** The page is listening: load. */
    ready: command(noParams),
    refresh: command(noParams),
    /** Open the MSK configuration revision the cluster runs (the host knows which: ClusterRef.configuration). */
    openConfiguration: command(noParams),
    /** Copy to the clipboard (the ARN). */
    copy: command((raw) =>
      isRecord(raw) && typeof raw.text === 'string' && raw.text.length <= MAX_COPY_LENGTH
        ? { text: raw.text }
        : undefined,
    ),
  },
});

export type OverviewProtocol = typeof overviewProtocol;
