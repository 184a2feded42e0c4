import * as vscode from 'vscode';
import type { TreeNodeArg } from '../../contract/commands';
import type { Backend } from '../../services/backend';
import type { ClusterRef } from '../../services/clusterModel';
import { CancellationError, UserError } from '../../shared/errors';
import type { ExplorerView } from './tree/explorerView';
import { ClusterNode, TopicNode, type LeafNode } from './tree/nodes';

/** The cluster a node belongs to (any node under a cluster), if any. */
export function clusterOfNode(node: TreeNodeArg | undefined): ClusterRef | undefined {
  for (let n = node; n; n = n.parent) if (n instanceof ClusterNode) return n.cluster;
  return undefined;
}

/** The cluster of the clicked node, or one the person picks from every profile, region and connection. */
export async function resolveCluster(
  node: TreeNodeArg | undefined,
  backend: Backend,
  view: ExplorerView,
  title = 'Select a cluster',
): Promise<ClusterRef> {
  const fromNode = clusterOfNode(node);
  if (fromNode) return fromNode;
  const clusters = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Finding clusters…' },
    () => allClusters(backend, view),
  );
  if (clusters.length === 0) {
    throw new UserError('No clusters found.', {
      hint: 'Select an AWS profile and region with clusters, or add a Kafka connection.',
    });
  }
  const picked = await vscode.window.showQuickPick(
    clusters.map((c) => ({
      label: c.name,
      description: [c.type.toLowerCase(), c.region, c.profile].filter(Boolean).join(' · '),
      detail: c.arn,
      cluster: c,
    })),
    { title, placeHolder: 'Cluster', matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) throw new CancellationError();
  return picked.cluster;
}

/** The tree's clusters, or (before the tree has listed any) the manual ones and every scope's. */
export async function allClusters(backend: Backend, view: ExplorerView): Promise<ClusterRef[]> {
  const known = view.knownClusters();
  if (known.length) return known;
  const found: ClusterRef[] = [...backend.manualClusters()];
  for (const scope of await backend.scopes()) {
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await backend.listClusters(scope, token, 100);
      found.push(...page.items);
      token = page.nextToken;
      pages += 1;
    } while (token && pages < 20);
  }
  return found;
}

/** The topic of the clicked node, or one the person picks from the cluster. */
export async function resolveTopic(
  node: TreeNodeArg | undefined,
  cluster: ClusterRef,
  backend: Backend,
): Promise<string> {
  if (node instanceof TopicNode) return node.topic.name;
  const topics = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Listing topics of ${cluster.name}…` },
    () => backend.ops(cluster).topics(),
  );
  const picked = await vscode.window.showQuickPick(
    topics
      .filter((t) => !t.internal)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => ({ label: t.name, description: `${t.partitions} partitions · RF ${t.replicationFactor}` })),
    { title: `Topic of ${cluster.name}`, placeHolder: 'Topic name' },
  );
  if (!picked) throw new CancellationError();
  return picked.label;
}

export function leafData<T>(node: TreeNodeArg | undefined): T | undefined {
  return (node as LeafNode<T> | undefined)?.spec?.data;
}
