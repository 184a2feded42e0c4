/** What the explorer's schema-registry nodes read, installed by the schema feature (no I/O in the tree). */
import type { GlueRegistry, GlueSchemaSummary, GlueSchemaVersionSummary } from '../../../../aws/glueBrowse';
import type { ClusterRef } from '../../../../services/clusterModel';

/** The AWS Glue Schema Registry of an MSK cluster's account and region. */
export interface GlueBrowseOps {
  registries(): Promise<GlueRegistry[]>;
  schemas(registry: string): Promise<GlueSchemaSummary[]>;
  versions(registry: string, schema: string): Promise<GlueSchemaVersionSummary[]>;
}

/** A Confluent-compatible registry configured for a cluster or connection. */
export interface ConfluentBrowseOps {
  /** The configured base URL (shown on the folder). */
  readonly url: string;
  subjects(): Promise<string[]>;
  /** Version numbers, newest first. */
  versions(subject: string): Promise<number[]>;
}

/** Which registries a cluster has (decided from its kind and the settings, without I/O). */
export interface SchemaBrowseSource {
  glue(cluster: ClusterRef): GlueBrowseOps | undefined;
  confluent(cluster: ClusterRef): ConfluentBrowseOps | undefined;
}

/** A schema version a tree item stands for (what Open and Compare act on). */
export type SchemaVersionTarget =
  | { registry: 'glue'; cluster: ClusterRef; registryName: string; schemaName: string; version: number }
  | { registry: 'confluent'; cluster: ClusterRef; subject: string; version: number };
