import * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { GlueRegistry } from '../../../../aws/glueBrowse';
import { BranchNode, ExplorerNode } from '../explorerNode';
import type { ClusterNode } from './clusterNode';
import { byText, countDescription, folderItem, type ClusterEnv } from './env';
import type { ConfluentBrowseOps, GlueBrowseOps } from './schemaEnv';
import { ConfluentSubjectNode, GlueRegistryNode } from './schemaNode';

/**
 * A cluster's "Schema Registry" folder: the AWS Glue registries of an MSK cluster's account and
 * region, and the Confluent-compatible registry configured for the cluster or connection.
 */
export class SchemaRegistriesNode extends ExplorerNode {
  readonly id: string;
  readonly children: ExplorerNode[];
  constructor(
    readonly clusterNode: ClusterNode,
    env: ClusterEnv,
    glue: GlueBrowseOps | undefined,
    confluent: ConfluentBrowseOps | undefined,
  ) {
    super(clusterNode);
    this.id = `${clusterNode.id}/schema-registry`;
    this.children = [
      ...(glue ? [new GlueRegistriesNode(this, env, glue)] : []),
      ...(confluent ? [new ConfluentSubjectsNode(this, env, confluent)] : []),
    ];
  }
  override getChildren(): ExplorerNode[] {
    return this.children;
  }
  getTreeItem(): vscode.TreeItem {
    return folderItem(this.id, 'Schema Registry', 'symbol-structure', treeItemContext({ kind: 'schemaRegistries' }));
  }
}

/** The Glue registries (ListRegistries). */
export class GlueRegistriesNode extends BranchNode<GlueRegistry, ClusterEnv> {
  readonly id: string;
  constructor(
    readonly folder: SchemaRegistriesNode,
    env: ClusterEnv,
    readonly ops: GlueBrowseOps,
  ) {
    super(
      folder,
      env,
      async () => ({ items: await ops.registries() }),
      (r, f) => byText(r.name, f),
    );
    this.id = `${folder.id}/glue`;
  }
  protected keyOf(r: GlueRegistry): string {
    return r.name;
  }
  protected createChild(r: GlueRegistry): ExplorerNode {
    return new GlueRegistryNode(this, this.env, r);
  }
  protected emptyLabel(): string {
    return 'No Glue schema registries in this region';
  }
  getTreeItem(): vscode.TreeItem {
    const item = folderItem(
      this.id,
      'AWS Glue',
      'database',
      treeItemContext({ kind: 'schemaRegistry', filterable: true }),
      this.filterDescription() ?? countDescription(this),
    );
    item.tooltip = 'AWS Glue Schema Registry in the cluster’s account and region';
    return item;
  }
}

/** The subjects of a Confluent-compatible registry (GET /subjects). */
export class ConfluentSubjectsNode extends BranchNode<string, ClusterEnv> {
  readonly id: string;
  constructor(
    readonly folder: SchemaRegistriesNode,
    env: ClusterEnv,
    readonly ops: ConfluentBrowseOps,
  ) {
    super(
      folder,
      env,
      async () => ({ items: await ops.subjects() }),
      (s, f) => byText(s, f),
    );
    this.id = `${folder.id}/confluent`;
  }
  protected keyOf(subject: string): string {
    return subject;
  }
  protected createChild(subject: string): ExplorerNode {
    return new ConfluentSubjectNode(this, this.env, subject);
  }
  protected emptyLabel(): string {
    return 'No subjects';
  }
  getTreeItem(): vscode.TreeItem {
    const item = folderItem(
      this.id,
      'Confluent registry',
      'database',
      treeItemContext({ kind: 'schemaRegistry', filterable: true }),
      [this.ops.url, this.filterDescription() ?? countDescription(this)].filter(Boolean).join(' · '),
    );
    item.tooltip = `Confluent-compatible schema registry at ${this.ops.url} (msk.schemaRegistries)`;
    return item;
  }
}
