/**
 * The contract between features that open each other: the tail panel, the producer panel and the
 * lag view call one another only through these commands and argument shapes (never by importing
 * each other's panels). From the tree the same commands receive an ExplorerNode instead.
 */
import type { FieldEncoding } from '../kafka/produce/types';
import type { TailStartPosition } from '../kafka/tail/types';
import type { ClusterRef } from '../services/clusterModel';

/** `msk.tailTopic` called from another feature (e.g. "Tail this topic" after a send). */
export interface TailTopicArgs {
  kind: 'tailTopic';
  cluster: ClusterRef;
  topic: string;
  start?: TailStartPosition;
  /** Undefined: every partition. */
  partitions?: number[];
}

/**
 * A message to prefill the producer with ("Produce again" from the tail panel). A field whose
 * encoding is 'base64' holds the base64 text of its exact bytes (binary data); absent: text.
 */
export interface ProduceDraft {
  key?: string | null;
  keyEncoding?: FieldEncoding;
  value?: string | null;
  valueEncoding?: FieldEncoding;
  headers?: { key: string; value: string; encoding?: FieldEncoding }[];
  partition?: number;
}

/** `msk.produceToTopic` called from another feature. */
export interface ProduceToTopicArgs {
  kind: 'produceToTopic';
  cluster: ClusterRef;
  topic: string;
  draft?: ProduceDraft;
}

/** `msk.showConsumerLag` called from another feature. */
export interface ShowLagArgs {
  kind: 'showLag';
  cluster: ClusterRef;
  groupId?: string;
}

/** `msk.exportGroups` called from another feature (the lag view's overview). */
export interface ExportGroupsArgs {
  kind: 'exportGroups';
  cluster: ClusterRef;
}

/** `msk.exportGroupLag` called from another feature (the lag view): cluster and group already known. */
export interface ExportGroupLagArgs {
  kind: 'exportGroupLag';
  cluster: ClusterRef;
  groupId: string;
}

/** `msk.resetOffsets` called from another feature (the lag view): cluster and group already known. */
export interface ResetOffsetsArgs {
  kind: 'resetOffsets';
  cluster: ClusterRef;
  groupId: string;
}

/**
 * `msk.diagnoseConnection` called from another feature or from an error's button: the cluster or
 * connection whose path to the brokers the connection doctor checks step by step.
 */
export interface DiagnoseConnectionArgs {
  kind: 'diagnoseConnection';
  cluster: ClusterRef;
}

/**
 * `msk.openMskConfigurationRevision` from a panel (the cluster overview): the MSK configuration
 * revision `cluster` runs (ClusterRef.configuration).
 */
export interface OpenMskConfigurationRevisionArgs {
  kind: 'openMskConfigurationRevision';
  cluster: ClusterRef;
}

function hasKind(value: unknown, kind: string): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

export const isTailTopicArgs = (v: unknown): v is TailTopicArgs => hasKind(v, 'tailTopic');
export const isProduceToTopicArgs = (v: unknown): v is ProduceToTopicArgs => hasKind(v, 'produceToTopic');
export const isShowLagArgs = (v: unknown): v is ShowLagArgs => hasKind(v, 'showLag');
export const isExportGroupsArgs = (v: unknown): v is ExportGroupsArgs => hasKind(v, 'exportGroups');
export const isExportGroupLagArgs = (v: unknown): v is ExportGroupLagArgs => hasKind(v, 'exportGroupLag');
export const isResetOffsetsArgs = (v: unknown): v is ResetOffsetsArgs => hasKind(v, 'resetOffsets');
export const isDiagnoseConnectionArgs = (v: unknown): v is DiagnoseConnectionArgs => hasKind(v, 'diagnoseConnection');
export const isOpenMskConfigurationRevisionArgs = (v: unknown): v is OpenMskConfigurationRevisionArgs =>
  hasKind(v, 'openMskConfigurationRevision');
