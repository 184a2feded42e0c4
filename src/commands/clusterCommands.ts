import * as vscode from 'vscode';
import type { Backend } from '../services/backend';
import type { ConnectorRow, GroupRow } from '../services/clusterModel';
import { assertWritable } from '../services/readOnly';
import type { MskSettings } from '../services/settingsModel';
import { CancellationError, UserError } from '../shared/errors';
import type { ExplorerNode } from '../views/explorer/explorerNode';
import type { ExplorerView } from '../views/explorer/explorerView';
import { ClusterNode, TopicNode } from '../views/explorer/nodes';
import type { ReadOnlyDocuments } from '../views/jsonDocuments';
import type { ClusterOverviewPanels } from '../views/panels/clusterOverviewPanel';
import { clusterOfNode, leafData, resolveCluster } from './pickers';
import type { CommandRegistry } from './registerCommand';

interface Deps {
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
  docs: ReadOnlyDocuments;
  overviews: ClusterOverviewPanels;
}

export function registerClusterCommands(commands: CommandRegistry, deps: Deps): void {
  const { backend, view, settings, docs, overviews } = deps;

  commands.register('msk.openClusterOverview', async (node?: ExplorerNode) => {
    const cluster = await resolveCluster(node, backend, view, 'Open the overview of…');
    overviews.open(cluster, backend.ops(cluster));
  });

  commands.register('msk.describeCluster', async (node?: ExplorerNode) => {
    const cluster = await resolveCluster(node, backend, view, 'Describe cluster…');
    const description = await backend.describeCluster(cluster);
    await docs.showJson(`${cluster.name}.describe.json`, description);
  });

  commands.register('msk.copyArn', async (node?: ExplorerNode) => {
    const cluster = await resolveCluster(node, backend, view);
    const connector = leafData<ConnectorRow>(node);
    const arn = connector?.arn ?? cluster.arn;
    if (!arn) throw new UserError(`${cluster.name} is a manual connection: it has no ARN.`);
    await vscode.env.clipboard.writeText(arn);
    void vscode.window.setStatusBarMessage(`Copied ${arn}`, 3000);
  });

  commands.register('msk.copyBootstrap', async (node?: ExplorerNode) => {
    const cluster = await resolveCluster(node, backend, view);
    const servers = await backend.bootstrapServers(cluster);
    await vscode.env.clipboard.writeText(servers);
    void vscode.window.setStatusBarMessage(`Copied the bootstrap servers of ${cluster.name}`, 3000);
  });

  commands.register('msk.copyName', async (node?: ExplorerNode) => {
    const name =
      node instanceof TopicNode
        ? node.topic.name
        : node instanceof ClusterNode
          ? node.cluster.name
          : (leafData<GroupRow>(node)?.groupId ?? leafData<ConnectorRow>(node)?.name);
    if (!name) throw new UserError('Select a cluster, topic, consumer group or connector in the Clusters view first.');
    await vscode.env.clipboard.writeText(name);
    void vscode.window.setStatusBarMessage(`Copied ${name}`, 3000);
  });

  commands.register('msk.showConnectorDetails', async (node?: ExplorerNode) => {
    const cluster = clusterOfNode(node);
    const connector = leafData<ConnectorRow>(node);
    if (!cluster || !connector) throw new UserError('Select a connector under a cluster in the Clusters view.');
    const details = await backend.describeConnector(cluster, connector.arn);
    await docs.showJson(`${cluster.name}/${connector.name}.connector.json`, details);
  });

  commands.register('msk.deleteConsumerGroup', async (node?: ExplorerNode) => {
    const cluster = await resolveCluster(node, backend, view, 'Delete a consumer group from…');
    assertWritable(cluster, settings(), 'Delete consumer group');
    let groupId = leafData<GroupRow>(node)?.groupId;
    if (!groupId) {
      const groups = await backend.ops(cluster).groups();
      const picked = await vscode.window.showQuickPick(
        groups.map((g) => ({ label: g.groupId, description: `${g.state} · ${g.members} members` })),
        {
          title: `Delete a consumer group from ${cluster.name}`,
          placeHolder: 'Consumer group (only empty groups can be deleted)',
        },
      );
      if (!picked) throw new CancellationError();
      groupId = picked.label;
    }
    const answer = await vscode.window.showWarningMessage(
      `Delete consumer group “${groupId}” from ${cluster.name}? Its committed offsets are lost.`,
      { modal: true },
      'Delete',
    );
    if (answer !== 'Delete') throw new CancellationError();
    await backend.deleteGroup(cluster, groupId);
    // Reload every Groups folder of the cluster the tree shows (also when run from the palette).
    for (const folder of view.groupsFolders(cluster)) folder.reload();
    void vscode.window.showInformationMessage(`Consumer group “${groupId}” deleted from ${cluster.name}.`);
  });
}
