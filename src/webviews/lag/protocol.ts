/**
 * The whole contract between the Consumer Lag webview and the extension host. Verdicts and time
 * lag are computed on the host; the webview only draws. The host validates every request with
 * `parseLagRequest` before acting on it.
 */
import type { GroupLag, GroupLagSummary } from '../../kafka/lag/types';

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
}

/** Host → webview. */
export type LagMessage = { type: 'state'; state: LagViewState };

/** Webview → host. */
export type LagRequest =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'select'; groupId: string | null }
  | { type: 'reset'; groupId: string };

const isGroupId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1000;

export function parseLagRequest(raw: unknown): LagRequest | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const msg = raw as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
    case 'refresh':
      return { type: msg.type };
    case 'select':
      return msg.groupId === null || isGroupId(msg.groupId) ? { type: 'select', groupId: msg.groupId } : undefined;
    case 'reset':
      return isGroupId(msg.groupId) ? { type: 'reset', groupId: msg.groupId } : undefined;
    default:
      return undefined;
  }
}
