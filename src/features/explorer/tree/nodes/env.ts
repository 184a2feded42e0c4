/** What cluster nodes reach (data access, read-only rule, lag badges) and the helpers they share. */
import * as vscode from 'vscode';
import type { ClusterOps, ClusterRef } from '../../../../services/clusterModel';
import type { ExplorerEnv, PagedBranch } from '../explorerNode';
import type { SchemaBrowseSource } from './schemaEnv';
import type { MskConfigurationOps } from './mskConfigurationNodes';

/** What cluster nodes need beyond display settings: data access and the read-only rule. */
export interface ClusterEnv extends ExplorerEnv {
  opsFor(cluster: ClusterRef): ClusterOps;
  isReadOnly(cluster: ClusterRef): boolean;
  showInternalTopics(): boolean;
  /** The lag shown on group items, once the lag feature installed it (see ExplorerView.setGroupLagSource). */
  groupLag?: GroupLagSource;
  /** The schema registries a cluster shows, once the schema feature installed them (see ExplorerView.setSchemaSource). */
  schemas?: SchemaBrowseSource;
  /** MSK cluster configurations per AWS scope (each AWS root's "MSK configurations" folder); absent without AWS. */
  mskConfigurations?: MskConfigurationOps;
}

/**
 * What the tree shows of a group's lag: read from the lag monitor's cache (never any I/O here).
 * Set by the lag feature; without it groups show state and members only.
 */
export interface GroupLagSource {
  /** Cached lag of a group, if the monitor has sampled it. */
  lagOf(cluster: ClusterRef, groupId: string): GroupLagBadge | undefined;
  /** The Groups folder of this cluster is on screen: keep (or start) refreshing in the background. */
  watch(cluster: ClusterRef): void;
}

export interface GroupLagBadge {
  totalLag: number;
  /** 'OK' | 'WARN' | 'ERR' | 'collecting'. */
  status: string;
  /** e.g. "collecting (2/5)" or "WARN". */
  label: string;
  reason: string;
  /** State and members as of the same refresh (fresher than the listed ones). */
  state: string;
  members: number;
}

/** Cluster data of one cluster node, read when a folder loads. */
export type OpsFn = () => ClusterOps;

export const byText = (text: string, filterLower: string): boolean => text.toLowerCase().includes(filterLower);

/** Whether menus offer changes to this cluster's data (see treeItemContext's `writable`). */
export function isWritable(env: ClusterEnv, cluster: ClusterRef): boolean {
  return !env.isReadOnly(cluster);
}

export function folderItem(
  id: string,
  label: string,
  icon: string,
  contextValue: string,
  description?: string,
): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  item.iconPath = new vscode.ThemeIcon(icon);
  item.contextValue = contextValue;
  item.description = description;
  return item;
}

export function countDescription(node: PagedBranch): string | undefined {
  return node.matchingCount === undefined ? undefined : String(node.matchingCount);
}
