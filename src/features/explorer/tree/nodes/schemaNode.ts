import * as vscode from 'vscode';
import type { GlueRegistry, GlueSchemaSummary, GlueSchemaVersionSummary } from '../../../../aws/glueBrowse';
import { treeItemContext } from '../../../../contract/treeItemContext';
import { BranchNode, type ExplorerNode } from '../explorerNode';
import { byText, countDescription, folderItem, type ClusterEnv } from './env';
import type { ConfluentSubjectsNode, GlueRegistriesNode } from './registriesNode';
import { SchemaVersionNode } from './schemaVersionNode';

/** A Glue registry: its schemas with data format and compatibility (ListSchemas + GetSchema). */
export class GlueRegistryNode extends BranchNode<GlueSchemaSummary, ClusterEnv> {
  readonly id: string;
  constructor(
    readonly registriesNode: GlueRegistriesNode,
    env: ClusterEnv,
    readonly registry: GlueRegistry,
  ) {
    super(
      registriesNode,
      env,
      async () => ({ items: await registriesNode.ops.schemas(registry.name) }),
      (s, f) => byText(s.name, f),
    );
    this.id = `${registriesNode.id}/${registry.name}`;
  }
  protected keyOf(s: GlueSchemaSummary): string {
    return s.name;
  }
  protected createChild(s: GlueSchemaSummary): ExplorerNode {
    return new GlueSchemaNode(this, this.env, s);
  }
  protected emptyLabel(): string {
    return 'No schemas';
  }
  getTreeItem(): vscode.TreeItem {
    const r = this.registry;
    const item = folderItem(
      this.id,
      r.name,
      'library',
      treeItemContext({ kind: 'schemaRegistry', filterable: true }),
      this.filterDescription() ?? countDescription(this),
    );
    item.tooltip = [r.name, r.arn, r.description, r.status && `Status: ${r.status}`].filter(Boolean).join('\n');
    return item;
  }
}

/** A Glue schema: its versions, newest first. */
export class GlueSchemaNode extends BranchNode<GlueSchemaVersionSummary, ClusterEnv> {
  readonly id: string;
  constructor(
    readonly registryNode: GlueRegistryNode,
    env: ClusterEnv,
    readonly schema: GlueSchemaSummary,
  ) {
    const ops = registryNode.registriesNode.ops;
    super(registryNode, env, async () => ({ items: await ops.versions(schema.registryName, schema.name) }));
    this.id = `${registryNode.id}/${schema.name}`;
  }
  protected keyOf(v: GlueSchemaVersionSummary): string {
    return String(v.version);
  }
  protected createChild(v: GlueSchemaVersionSummary): ExplorerNode {
    const cluster = this.registryNode.registriesNode.folder.clusterNode.cluster;
    return new SchemaVersionNode(this, {
      target: { registry: 'glue', cluster, registryName: v.registryName, schemaName: v.schemaName, version: v.version },
      label: `Version ${v.version}`,
      description: [v.status !== 'AVAILABLE' ? v.status : undefined, createdLabel(v.created)]
        .filter(Boolean)
        .join(' · '),
      tooltip: [
        `${v.registryName}/${v.schemaName} version ${v.version}`,
        `Id: ${v.versionId}`,
        v.status && `Status: ${v.status}`,
      ]
        .filter(Boolean)
        .join('\n'),
    });
  }
  protected emptyLabel(): string {
    return 'No versions';
  }
  getTreeItem(): vscode.TreeItem {
    const s = this.schema;
    const parts = [formatLabel(s.dataFormat), s.compatibility, s.latestVersion ? `v${s.latestVersion}` : undefined];
    const item = folderItem(
      this.id,
      s.name,
      'symbol-class',
      treeItemContext({ kind: 'schema' }),
      parts.filter(Boolean).join(' · ') || countDescription(this),
    );
    item.tooltip = [
      `${s.registryName}/${s.name}`,
      s.arn,
      s.dataFormat && `Data format: ${s.dataFormat}`,
      s.compatibility && `Compatibility: ${s.compatibility}`,
      s.latestVersion && `Latest version: ${s.latestVersion}`,
      s.description,
    ]
      .filter(Boolean)
      .join('\n');
    return item;
  }
}

/** A Confluent subject: its versions, newest first. */
export class ConfluentSubjectNode extends BranchNode<number, ClusterEnv> {
  readonly id: string;
  constructor(
    readonly subjectsNode: ConfluentSubjectsNode,
    env: ClusterEnv,
    readonly subject: string,
  ) {
    super(subjectsNode, env, async () => ({ items: await subjectsNode.ops.versions(subject) }));
    this.id = `${subjectsNode.id}/${subject}`;
  }
  protected keyOf(v: number): string {
    return String(v);
  }
  protected createChild(v: number): ExplorerNode {
    const cluster = this.subjectsNode.folder.clusterNode.cluster;
    return new SchemaVersionNode(this, {
      target: { registry: 'confluent', cluster, subject: this.subject, version: v },
      label: `Version ${v}`,
      tooltip: `${this.subject} version ${v}`,
    });
  }
  protected emptyLabel(): string {
    return 'No versions';
  }
  getTreeItem(): vscode.TreeItem {
    return folderItem(
      this.id,
      this.subject,
      'symbol-class',
      treeItemContext({ kind: 'schema' }),
      countDescription(this),
    );
  }
}

/** "Avro", "Protobuf", "JSON Schema". */
export function formatLabel(dataFormat: string | undefined): string | undefined {
  switch (dataFormat) {
    case 'AVRO':
      return 'Avro';
    case 'PROTOBUF':
      return 'Protobuf';
    case 'JSON':
      return 'JSON Schema';
    default:
      return dataFormat;
  }
}

/** `2026-12-02 04:19 UTC` from Glue's CreatedTime (as given when it does not parse). */
export function createdLabel(created: string | undefined): string | undefined {
  if (!created) return undefined;
  const t = new Date(created);
  return Number.isNaN(t.getTime()) ? created : `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
