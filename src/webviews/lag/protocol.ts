/**
 * The whole contract between the Consumer Lag webview and the extension host (see
 * ../shared/messages.ts). Verdicts and time lag are computed on the host; the webview only draws.
 */
import type { GroupLag, GroupLagSummary } from '../../kafka/lag/types';
import type { CloudWatchGroupLag } from '../../services/cloudWatchLagData';
import { command, defineProtocol, isRecord, noParams, notification } from '../shared/messages';

export interface LagViewState {
  clusterName: string;
  /** The group shown in detail; undefined: the overview of all groups. */
  selected?: string;
  groups: GroupLagSummary[];
  /** The selected group with its partitions (absent while not sampled yet). */
  detail?: GroupLag;
  /** When the offsets were read (ms since epoch), undefined before the first refresh. */
  time?: number;
  durationMs?: number;
  refreshSeconds: number;
  readOnly: boolean;
  /** The last refresh failed. */
  error?: { message: string };
  /**
   * MSK's CloudWatch lag while the brokers do not answer (the overview and the group view work
   * from it), labelled "CloudWatch · AWS/Kafka · period 1 min · data from 2 min ago".
   */
  cloudWatch?: CloudWatchView & { groups: CloudWatchGroupLag[] };
  /** CloudWatch's lag of the selected group (its time lag next to ours; its last hours). */
  cloudWatchDetail?: CloudWatchView & { group?: CloudWatchGroupLag };
}

export interface CloudWatchView {
  /** Period of the datapoints (seconds), when the data was read and its newest period's start (ms). */
  periodSeconds: number;
  fetchedAt: number;
  dataTime?: number;
  /** The last CloudWatch read failed (what is shown, if anything, is older). */
  error?: string;
}

const isGroupId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1000;

export const lagProtocol = defineProtocol({
  name: 'lag',
  notifications: {
    state: notification<LagViewState>(),
  },
  commands: {
    /** The page is listening: send the state. */
    ready: command(noParams),
    /** Read the offsets now. */
    refresh: command(noParams),
    /** Show one group in detail (null: the overview). */
    select: command((raw) =>
      isRecord(raw) && (raw.groupId === null || isGroupId(raw.groupId)) ? { groupId: raw.groupId } : undefined,
    ),
    /** "Export…": the group shown in detail (its lag table), or the overview (the cluster's groups). */
    export: command(noParams),
    /** "Reset offsets…" of a group. */
    reset: command((raw) => (isRecord(raw) && isGroupId(raw.groupId) ? { groupId: raw.groupId } : undefined)),
  },
});

export type LagProtocol = typeof lagProtocol;
