import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import type { Backend } from '../../services/backend';
import type { ConnectorRow, GroupRow } from '../../services/clusterModel';
import { assertWritable } from '../../services/readOnly';
import type { MskSettings } from '../../services/settingsModel';
import { CancellationError, UserError } from '../../shared/errors';
import type { ExplorerView } from './tree/explorerView';
import { ClusterNode, TopicNode } from './tree/nodes';
import type { ReadOnlyDocuments } from '../../ui/jsonDocuments';
import type { ClusterOverviewPanels } from './clusterOverviewPanel';
import { clusterOfNode, leafData, resolveCluster } from './pickers';
import type { CommandRegistry } from '../../ui/commands/registerCommand';

interface Deps {
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
  docs: ReadOnlyDocuments;
  overviews: ClusterOverviewPanels;
}

export function registerClusterCommands(commands: CommandRegistry, deps: Deps): void {
  const { backend, view, settings, docs, overviews } = deps;

  commands.register(Commands.openClusterOverview, async (node) => {
    const cluster = await resolveCluster(node, backend, view, 'Open the overview of…');
    overviews.open(cluster, backend.ops(cluster));
  });

  commands.register(Commands.describeCluster, async (node) => {
    const cluster = await resolveCluster(node, backend, view, 'Describe cluster…');
    const description = await backend.describeCluster(cluster);
    await docs.showJson(`${cluster.name}.describe.json`, description);
  });

  commands.register(Commands.copyArn, async (node) => {
    const cluster = await resolveCluster(node, backend, view);
    const connector = leafData<ConnectorRow>(node);
    const arn = connector?.arn ?? cluster.arn;
    if (!arn) throw new UserError(`${cluster.name} is a manual connection: it has no ARN.`);
    await vscode.env.clipboard.writeText(arn);
    void vscode.window.setStatusBarMessage(`Copied ${arn}`, 3000);
  });

  commands.register(Commands.copyIamPolicyStatement, async (statement) => {
    if (typeof statement !== 'string' || !statement.trim()) throw new UserError('No IAM policy statement to copy.');
    await vscode.env.clipboard.writeText(statement);
    void vscode.window.setStatusBarMessage(
      'Copied the IAM policy statement: paste it into the policy that needs it',
      4000,
    );
  });

  commands.register(Commands.copyBootstrap, async (node) => {
    const cluster = await resolveCluster(node, backend, view);
    const servers = await backend.bootstrapServers(cluster);
    await vscode.env.clipboard.writeText(servers);
    void vscode.window.setStatusBarMessage(`Copied the bootstrap servers of ${cluster.name}`, 3000);
  });

  commands.register(Commands.copyName, async (node) => {
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

  commands.register(Commands.showConnectorDetails, async (node) => {
    const cluster = clusterOfNode(node);
    const connector = leafData<ConnectorRow>(node);
    if (!cluster || !connector) throw new UserError('Select a connector under a cluster in the Clusters view.');
    const details = await backend.describeConnector(cluster, connector.arn);
    await docs.showJson(`${cluster.name}/${connector.name}.connector.json`, details);
  });

  commands.register(Commands.deleteConsumerGroup, async (node) => {
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
