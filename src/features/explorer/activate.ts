/**
 * The explorer's commands: refresh, retry, filters and paging of the Clusters tree; AWS profile and
 * regions (with the status bar item); manual connections; clusters, topics, consumer groups and
 * connectors (with the cluster overview panel).
 */
import * as vscode from 'vscode';
import { ClusterOverviewPanels } from './clusterOverviewPanel';
import type { FeatureDeps } from '../featureDeps';
import { registerAclCommands } from './aclCommands';
import { AwsStatusBar, registerAwsCommands } from './awsCommands';
import { registerBrokerConfigCommands } from './brokerConfigCommands';
import { registerClusterCommands } from './clusterCommands';
import { registerConnectionCommands } from './connectionCommands';
import { registerExplorerCommands } from './explorerCommands';
import { registerMskConfigurationCommands } from './mskConfigurationCommands';
import { registerExportCommands } from './exportCommands';
import { registerFindCommand } from './findCommand';
import { registerPartitionCommands } from './partitionCommands';
import { registerTopicCommands } from './topicCommands';

export function activateExplorer(deps: FeatureDeps): void {
  const { context, commands, backend, view, settings, docs, log } = deps;
  const overviews = new ClusterOverviewPanels(context.extensionUri, log);
  const statusBar = new AwsStatusBar(settings);
  context.subscriptions.push(
    overviews,
    statusBar,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('msk.aws')) statusBar.update();
    }),
  );
  registerExplorerCommands(commands, view);
  registerAwsCommands(commands, settings);
  registerConnectionCommands(commands, context.secrets);
  registerTopicCommands(commands, { backend, view, settings, docs });
  registerPartitionCommands(commands, { backend, view, settings });
  registerBrokerConfigCommands(commands, { backend, view, settings, docs });
  registerClusterCommands(commands, { backend, view, settings, docs, overviews });
  registerMskConfigurationCommands(commands, { backend, subscriptions: context.subscriptions });
  registerAclCommands(commands, { backend, view, settings });
  registerExportCommands(commands, { backend, view, settings });
  registerFindCommand(commands, { backend, view, settings });
}
