import * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import {
  brokerConfigValueText,
  dynamicOverridesText,
  type BrokerConfigRow,
} from '../../../../services/brokerConfigOps';
import type { BrokerRow, ClusterRef } from '../../../../services/clusterModel';
import { UserError } from '../../../../shared/errors';
import { BranchNode, type ExplorerNode } from '../explorerNode';
import type { BrokersNode } from './brokersNode';
import { byText, isWritable, type ClusterEnv } from './env';
import { LeafNode } from './leafNode';

/** What a broker config entry carries for its commands. */
export interface BrokerConfigLeafData {
  row: BrokerConfigRow;
  /** The broker id, or null for the cluster-wide default. */
  broker: number | null;
}

/**
 * One broker (or, with `broker` null, the cluster-wide defaults every broker inherits) and its
 * configuration: dynamic overrides first, each with the value it overrides, then every other
 * config by name. Sensitive values are never shown.
 */
export class BrokerNode extends BranchNode<BrokerConfigRow, ClusterEnv> {
  readonly id: string;
  constructor(
    readonly brokersNode: BrokersNode,
    env: ClusterEnv,
    readonly broker: BrokerRow | null,
  ) {
    super(
      brokersNode,
      env,
      async () => {
        const ops = env.opsFor(brokersNode.clusterNode.cluster).brokerConfigs?.();
        if (!ops)
          throw new UserError('Broker configuration is not available for this cluster.', { code: 'Unsupported' });
        return { items: await ops.read(broker?.id ?? null) };
      },
      (c, f) => byText(c.name, f),
    );
    this.id = broker ? `${brokersNode.id}/broker/${broker.id}` : `${brokersNode.id}/defaults`;
  }
  get cluster(): ClusterRef {
    return this.brokersNode.clusterNode.cluster;
  }
  get brokerId(): number | null {
    return this.broker?.id ?? null;
  }
  protected keyOf(c: BrokerConfigRow): string {
    return c.name;
  }
  protected createChild(c: BrokerConfigRow): ExplorerNode {
    const value = brokerConfigValueText(c);
    const below = c.overrides ? `${brokerConfigValueText({ ...c.overrides, isSensitive: c.isSensitive })}` : undefined;
    return new LeafNode<BrokerConfigLeafData>(this, `config/${c.name}`, {
      label: c.name,
      description: c.overrides
        ? `${value} · ${c.source} · overrides ${below} (${c.overrides.source})`
        : `${value} · ${c.source}`,
      icon: c.isOverride ? 'edit' : c.readOnly ? 'lock' : 'symbol-constant',
      tooltip: [
        `${c.name} = ${value}`,
        `Source: ${c.source}`,
        ...(c.overrides ? [`Overrides: ${below} (${c.overrides.source})`] : []),
        c.readOnly
          ? 'Read-only: not dynamically updatable (server.properties and a broker restart)'
          : 'Dynamically updatable',
      ].join('\n'),
      contextValue: treeItemContext({
        kind: 'brokerConfigEntry',
        variant: c.isOverride ? 'override' : 'default',
        writable: isWritable(this.env, this.cluster),
      }),
      data: { row: c, broker: this.brokerId },
    });
  }
  protected emptyLabel(): string {
    return 'No configuration';
  }
  getTreeItem(): vscode.TreeItem {
    const count = dynamicOverridesText(this.list);
    const writable = isWritable(this.env, this.cluster);
    const b = this.broker;
    if (!b) {
      const item = new vscode.TreeItem('Cluster-wide defaults', vscode.TreeItemCollapsibleState.Collapsed);
      item.id = this.id;
      item.iconPath = new vscode.ThemeIcon('globe');
      item.description = count ?? 'dynamic configs every broker inherits';
      item.tooltip =
        'Dynamic broker configs set for the whole cluster (broker resource ""): a broker uses them unless it has its own dynamic value.';
      item.contextValue = treeItemContext({ kind: 'brokerDefaults', filterable: true, writable });
      return item;
    }
    const item = new vscode.TreeItem(`Broker ${b.id}`, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = [`${b.host}:${b.port}`, b.rack, b.isController ? 'controller' : undefined, count]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon(b.isController ? 'star-full' : 'server');
    item.tooltip = [
      `Broker ${b.id}${b.isController ? ' (controller)' : ''}`,
      `Endpoint: ${b.host}:${b.port}`,
      b.rack ? `Rack (availability zone): ${b.rack}` : '',
      b.clientSubnet ? `Client subnet: ${b.clientSubnet}` : '',
      b.instanceType ? `Instance type: ${b.instanceType}` : '',
      'Expand for its configuration (dynamic overrides first).',
    ]
      .filter(Boolean)
      .join('\n');
    item.contextValue = treeItemContext({ kind: 'broker', filterable: true, writable });
    return item;
  }
}
