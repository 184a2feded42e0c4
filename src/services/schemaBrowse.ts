/**
 * The schema registries of one cluster, for browsing and writing: the Glue registry of an MSK
 * cluster's account and region, and the Confluent-compatible registry configured for it. Turns a
 * picked schema (`glue:payments/orders@latest`) into the registered schema that encodes records,
 * with a short cache so that validating as the user types does not call the registry per key.
 * No vscode import.
 */
import type { AwsClientFactory, AwsTarget, GlueBrowseService, GlueSchemaVersion } from '../aws/index';
import type { ClusterRef } from './clusterModel';
import { ConfluentBrowseClient } from '../kafka/schema/confluentBrowse';
import type { ConfluentRegistryClient } from '../kafka/schema/confluentClient';
import type { RegistrySchema } from '../kafka/schema/types';
import { schemaRefText, type SchemaSelection } from '../shared/schemaSelection';
import { errorMessage, isUserError, UserError } from '../shared/errors';

export type ConfluentClientLike = Pick<ConfluentRegistryClient, 'getJson' | 'schemaForSubject'>;

/** A cluster's registries, known without I/O; the clients are made on first use. */
export interface ClusterSchemaAccess {
  /** MSK clusters: Glue in the cluster's account, region and profile. */
  glue?: { target: AwsTarget; service(): GlueBrowseService };
  /** The registry configured in msk.schemaRegistries (the client reads its secret when made). */
  confluent?: { url: string; client(): Promise<ConfluentClientLike> };
}

/** A picked schema, fetched: what encodes (its name says the version `latest` stood for). */
export interface ResolvedSchema {
  selection: SchemaSelection;
  schema: RegistrySchema;
}

/** One version of a Glue schema or a Confluent subject (what the explorer's version items stand for). */
export type SchemaVersionKey =
  | { registry: 'glue'; registryName: string; schemaName: string; version: number }
  | { registry: 'confluent'; subject: string; version: number };

/** A version's definition as registered, for a read-only document. */
export interface SchemaVersionText {
  dataFormat: string;
  definition: string;
  /** `orders v3` */
  title: string;
}

/** How long a fetched schema is reused (a newly registered "latest" shows within this time). */
const TTL_MS = 30_000;
/** A failed fetch is not repeated before this (typing does not hammer a failing registry). */
const FAILED_TTL_MS = 5_000;

export class ClusterSchemas {
  private readonly cache = new Map<string, { until: number; value: Promise<ResolvedSchema> }>();

  constructor(
    readonly clusterName: string,
    readonly access: ClusterSchemaAccess,
    private readonly now: () => number = Date.now,
  ) {}

  /** The registered schema a selection names (cached briefly). */
  resolve(selection: SchemaSelection): Promise<ResolvedSchema> {
    // The same registered schema whatever the write options (type=, compression=).
    const key = schemaRefText(selection);
    const hit = this.cache.get(key);
    if (hit && this.now() < hit.until) return hit.value;
    const entry = { until: this.now() + TTL_MS, value: this.fetch(selection).catch((err: unknown) => named(key, err)) };
    this.cache.set(key, entry);
    entry.value.catch(() => {
      entry.until = this.now() + FAILED_TTL_MS;
    });
    return entry.value;
  }

  /** Glue listings (MSK clusters only). */
  glueBrowse() {
    const glue = this.access.glue;
    if (!glue) return undefined;
    return {
      registries: () => glue.service().listRegistries(glue.target),
      schemas: (registry: string) => glue.service().listSchemas(glue.target, registry),
      /** Names only (completion, pickers): no GetSchema per schema. */
      schemaNames: async (registry: string) =>
        (await glue.service().listSchemas(glue.target, registry, false)).map((s) => s.name),
      versions: (registry: string, schema: string) => glue.service().listVersions(glue.target, registry, schema),
    };
  }

  /** Confluent listings (when a registry is configured). */
  confluentBrowse() {
    const confluent = this.access.confluent;
    if (!confluent) return undefined;
    const browse = async () => new ConfluentBrowseClient(await confluent.client());
    return {
      url: confluent.url,
      subjects: async () => (await browse()).listSubjects(),
      versions: async (subject: string) => (await browse()).listVersions(subject),
    };
  }

  /** The registered definition of one version. */
  async versionText(key: SchemaVersionKey): Promise<SchemaVersionText> {
    if (key.registry === 'glue') {
      const glue = this.access.glue;
      if (!glue) throw new UserError(`${this.clusterName} has no AWS Glue Schema Registry.`);
      const v = await glue.service().getVersion(glue.target, key.registryName, key.schemaName, key.version);
      return { dataFormat: v.dataFormat, definition: v.definition, title: `${v.schemaName} v${v.version}` };
    }
    const confluent = this.access.confluent;
    if (!confluent)
      throw new UserError(`No Confluent-compatible schema registry is configured for ${this.clusterName}.`);
    const v = await new ConfluentBrowseClient(await confluent.client()).getVersion(key.subject, key.version);
    return { dataFormat: v.dataFormat, definition: v.definition, title: `${v.subject} v${v.version}` };
  }

  /** Forgets fetched schemas (Refresh). */
  clear(): void {
    this.cache.clear();
  }

  private async fetch(selection: SchemaSelection): Promise<ResolvedSchema> {
    if (selection.registry === 'glue') {
      const glue = this.access.glue;
      if (!glue) {
        throw new UserError(`${this.clusterName} has no AWS Glue Schema Registry: it is not an MSK cluster.`, {
          code: 'NoGlueRegistry',
          hint: 'Pick a Confluent schema (configured in msk.schemaRegistries), or send the value as text.',
        });
      }
      const v = await glue
        .service()
        .getVersion(glue.target, selection.registryName, selection.schemaName, selection.version);
      return { selection, schema: glueRegistrySchema(v) };
    }
    const confluent = this.access.confluent;
    if (!confluent) {
      throw new UserError(`No Confluent-compatible schema registry is configured for ${this.clusterName}.`, {
        code: 'NoConfluentRegistry',
        hint: 'Add one for this cluster in the setting msk.schemaRegistries, or pick a Glue schema.',
      });
    }
    return {
      selection,
      schema: await (await confluent.client()).schemaForSubject(selection.subject, selection.version),
    };
  }
}

/** A failed fetch, saying which schema it was about (registry errors name the call, not the schema). */
function named(selection: string, err: unknown): never {
  const base = isUserError(err) ? err : undefined;
  throw new UserError(`The schema ${selection} could not be read: ${errorMessage(err)}`, {
    hint: base?.hint ?? 'Check the name and version (completion lists them), or refresh the Schema Registry folder.',
    code: base?.code ?? 'SchemaUnavailable',
    actions: base?.actions,
    cause: err,
  });
}

export function glueRegistrySchema(v: GlueSchemaVersion): RegistrySchema {
  return {
    ref: { registry: 'glue', schemaVersionId: v.versionId },
    dataFormat: v.dataFormat === 'PROTOBUF' || v.dataFormat === 'JSON' ? v.dataFormat : 'AVRO',
    definition: v.definition,
    name: `${v.schemaName} v${v.version}`,
  };
}

/** What SchemaBrowser needs of the reading side's SchemaRegistries (src/services/schemaRegistries.ts). */
export interface RegistrySources {
  factory(): AwsClientFactory;
  glueTarget(cluster: ClusterRef): AwsTarget;
  confluentSetting(cluster: ClusterRef): { url: string } | undefined;
  confluentClient(cluster: ClusterRef): Promise<ConfluentClientLike | undefined>;
}

/**
 * The ClusterSchemas of every cluster, made again when a cluster's registry settings change (so
 * its short cache of picked schemas belongs to one configuration).
 */
export class SchemaBrowser {
  private readonly clusters = new Map<string, { signature: string; schemas: ClusterSchemas }>();
  private glue: GlueBrowseService | undefined;

  constructor(
    private readonly sources: RegistrySources,
    private readonly glueService: (factory: AwsClientFactory) => GlueBrowseService,
  ) {}

  for(cluster: ClusterRef): ClusterSchemas {
    const target = cluster.source === 'msk' ? this.sources.glueTarget(cluster) : undefined;
    const url = this.sources.confluentSetting(cluster)?.url;
    const signature = JSON.stringify([target ?? null, url ?? null]);
    const known = this.clusters.get(cluster.key);
    if (known?.signature === signature) return known.schemas;
    const access: ClusterSchemaAccess = {
      ...(target ? { glue: { target, service: () => (this.glue ??= this.glueService(this.sources.factory())) } } : {}),
      ...(url
        ? {
            confluent: {
              url,
              client: async () => {
                const client = await this.sources.confluentClient(cluster);
                if (!client) throw new UserError(`The schema registry setting of ${cluster.name} was removed.`);
                return client;
              },
            },
          }
        : {}),
    };
    const schemas = new ClusterSchemas(cluster.name, access);
    this.clusters.set(cluster.key, { signature, schemas });
    return schemas;
  }

  /** Forgets every cached schema (Refresh, a secret was set). */
  clear(): void {
    for (const { schemas } of this.clusters.values()) schemas.clear();
  }
}
