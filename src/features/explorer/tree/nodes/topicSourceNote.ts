/** What the Topics folder and its children say when their data came from MSK's topic API. */
import type { ClusterRef } from '../../../../services/clusterModel';
import type { ClusterEnv } from './env';

export interface TopicSourceNote {
  /** Short, for an item's description: "via MSK API · up to 1 min old". */
  description: string;
  /** Why, for the tooltip. */
  tooltip: string;
}

/** Undefined while the topics come from the brokers (or nothing was read yet). No I/O. */
export function topicSourceNote(env: ClusterEnv, cluster: ClusterRef): TopicSourceNote | undefined {
  const info = env.opsFor(cluster).topicSource?.();
  if (info?.kind !== 'mskApi') return undefined;
  return {
    description: 'via MSK API · up to 1 min old',
    tooltip:
      `Read through the MSK API (${info.reason ?? 'msk.topics.source'}): MSK refreshes it about once a minute, ` +
      'so changes may take a minute to show. Offsets and config sources are not available this way. ' +
      'The Refresh button of the Clusters view tries the brokers again.',
  };
}
