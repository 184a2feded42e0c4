import type * as vscode from 'vscode';
import { Commands } from '../../../../contract/commands';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { ConnectorRow } from '../../../../services/clusterModel';
import type { ExplorerNode } from '../explorerNode';
import { ClusterFolderNode } from './clusterFolder';
import type { ClusterNode } from './clusterNode';
import { countDescription, folderItem, type ClusterEnv, type OpsFn } from './env';
import { LeafNode } from './leafNode';

/** The MSK Connect connectors that write to or read from an MSK cluster. */
export class ConnectorsNode extends ClusterFolderNode<ConnectorRow> {
  constructor(clusterNode: ClusterNode, env: ClusterEnv, ops: OpsFn) {
    super(
      clusterNode,
      env,
      'connectors',
      () => ops().connectors(),
      (c) => c.name,
    );
  }
  protected keyOf(c: ConnectorRow): string {
    return c.arn;
  }
  protected createChild(c: ConnectorRow): ExplorerNode {
    const failed = c.state === 'FAILED';
    return new LeafNode(this, `connector/${c.name}`, {
      label: c.name,
      description: [c.state, c.capacity, c.plugin, `Connect ${c.kafkaConnectVersion}`].filter(Boolean).join(' · '),
      icon: failed ? 'error' : c.state === 'RUNNING' ? 'plug' : 'debug-pause',
      iconColor: failed ? 'errorForeground' : undefined,
      tooltip: `${c.name}\n${c.arn}\nState: ${c.state}${c.failure ? `\nReason: ${c.failure}` : ''}\nCapacity: ${c.capacity}\nPlugin: ${c.plugin}\nKafka Connect ${c.kafkaConnectVersion}`,
      contextValue: treeItemContext({ kind: 'connector' }),
      data: c,
      command: { handle: Commands.showConnectorDetails, title: 'Show Connector Details' },
    });
  }
  protected emptyLabel(): string {
    return 'No MSK Connect connectors for this cluster';
  }
  getTreeItem(): vscode.TreeItem {
    return folderItem(this.id, 'Connectors', 'plug', treeItemContext({ kind: 'connectors' }), countDescription(this));
  }
}
