/**
 * Browsing the AWS Glue Schema Registry: registries → schemas (data format, compatibility) →
 * versions → a version's definition. Every call goes through the client factory (the cluster's
 * profile, region and endpoint) and failures name the IAM action (`glue:ListSchemas`, …).
 * The SDK command classes are loaded with `import()` on first use.
 */
import type { GlueClient } from '@aws-sdk/client-glue';
import type { AwsClientFactory, AwsTarget } from './clientFactory';
import { mapLimit } from '../shared/concurrency';

export interface GlueRegistry {
  name: string;
  arn: string;
  description?: string;
  status?: string;
}

export interface GlueSchemaSummary {
  registryName: string;
  name: string;
  arn: string;
  /** AVRO, PROTOBUF or JSON (from GetSchema; undefined when that call failed). */
  dataFormat?: string;
  /** BACKWARD, NONE, FULL_ALL, … */
  compatibility?: string;
  latestVersion?: number;
  status?: string;
  description?: string;
}

export interface GlueSchemaVersionSummary {
  registryName: string;
  schemaName: string;
  versionId: string;
  version: number;
  status?: string;
  created?: string;
}

export interface GlueSchemaVersion extends GlueSchemaVersionSummary {
  dataFormat: string;
  definition: string;
}

/** A version number, or the newest one. */
export type GlueVersionRef = number | 'latest';

/** How many GetSchema calls run at once while a registry's schemas load. */
const DETAIL_CONCURRENCY = 4;
/** Pages followed at most per listing (Glue pages hold up to 100 items). */
const MAX_PAGES = 50;

export class GlueBrowseService {
  constructor(readonly factory: AwsClientFactory) {}

  private call<T>(target: AwsTarget, action: string, resource: string | undefined, run: (c: GlueClient) => Promise<T>) {
    return this.factory.call('glue', target, action, resource, (client) => run(client));
  }

  async listRegistries(target: AwsTarget): Promise<GlueRegistry[]> {
    return this.call(target, 'glue:ListRegistries', undefined, async (client) => {
      const { ListRegistriesCommand } = await import('@aws-sdk/client-glue');
      const all: GlueRegistry[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const out = await client.send(new ListRegistriesCommand({ MaxResults: 100, NextToken: token }));
        for (const r of out.Registries ?? []) {
          if (!r.RegistryName) continue;
          all.push({
            name: r.RegistryName,
            arn: r.RegistryArn ?? '',
            ...(r.Description ? { description: r.Description } : {}),
            ...(r.Status ? { status: r.Status } : {}),
          });
        }
        token = out.NextToken;
      } while (token && ++pages < MAX_PAGES);
      return all.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  /** The schemas of a registry with their data format and compatibility (one GetSchema each). */
  /** The schemas of a registry; with `details` (the default) each one's format, compatibility and latest version too (one GetSchema each). */
  async listSchemas(target: AwsTarget, registryName: string, details = true): Promise<GlueSchemaSummary[]> {
    const items = await this.call(target, 'glue:ListSchemas', registryArn(target, registryName), async (client) => {
      const { ListSchemasCommand } = await import('@aws-sdk/client-glue');
      const all: GlueSchemaSummary[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const out = await client.send(
          new ListSchemasCommand({ RegistryId: { RegistryName: registryName }, MaxResults: 100, NextToken: token }),
        );
        for (const s of out.Schemas ?? []) {
          if (!s.SchemaName) continue;
          all.push({
            registryName,
            name: s.SchemaName,
            arn: s.SchemaArn ?? '',
            ...(s.SchemaStatus ? { status: s.SchemaStatus } : {}),
            ...(s.Description ? { description: s.Description } : {}),
          });
        }
        token = out.NextToken;
      } while (token && ++pages < MAX_PAGES);
      return all.sort((a, b) => a.name.localeCompare(b.name));
    });
    if (!details) return items;
    await mapLimit(items, DETAIL_CONCURRENCY, async (item) => {
      try {
        Object.assign(item, await this.getSchema(target, registryName, item.name));
      } catch {
        // The row still lists the schema; its format and compatibility stay unknown.
      }
    });
    return items;
  }

  /** Data format, compatibility and latest version of one schema. */
  async getSchema(
    target: AwsTarget,
    registryName: string,
    schemaName: string,
  ): Promise<Pick<GlueSchemaSummary, 'dataFormat' | 'compatibility' | 'latestVersion'>> {
    return this.call(target, 'glue:GetSchema', schemaArn(target, registryName, schemaName), async (client) => {
      const { GetSchemaCommand } = await import('@aws-sdk/client-glue');
      const out = await client.send(
        new GetSchemaCommand({ SchemaId: { RegistryName: registryName, SchemaName: schemaName } }),
      );
      return {
        ...(out.DataFormat ? { dataFormat: out.DataFormat } : {}),
        ...(out.Compatibility ? { compatibility: out.Compatibility } : {}),
        ...(typeof out.LatestSchemaVersion === 'number' ? { latestVersion: out.LatestSchemaVersion } : {}),
      };
    });
  }

  /** The versions of a schema, newest first. */
  async listVersions(target: AwsTarget, registryName: string, schemaName: string): Promise<GlueSchemaVersionSummary[]> {
    const arn = schemaArn(target, registryName, schemaName);
    return this.call(target, 'glue:ListSchemaVersions', arn, async (client) => {
      const { ListSchemaVersionsCommand } = await import('@aws-sdk/client-glue');
      const all: GlueSchemaVersionSummary[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const out = await client.send(
          new ListSchemaVersionsCommand({
            SchemaId: { RegistryName: registryName, SchemaName: schemaName },
            MaxResults: 100,
            NextToken: token,
          }),
        );
        for (const v of out.Schemas ?? []) {
          if (!v.SchemaVersionId || typeof v.VersionNumber !== 'number') continue;
          all.push({
            registryName,
            schemaName,
            versionId: v.SchemaVersionId,
            version: v.VersionNumber,
            ...(v.Status ? { status: v.Status } : {}),
            ...(v.CreatedTime ? { created: v.CreatedTime } : {}),
          });
        }
        token = out.NextToken;
      } while (token && ++pages < MAX_PAGES);
      return all.sort((a, b) => b.version - a.version);
    });
  }

  /** One version's definition, by number or the latest. */
  async getVersion(
    target: AwsTarget,
    registryName: string,
    schemaName: string,
    version: GlueVersionRef,
  ): Promise<GlueSchemaVersion> {
    const label = `${registryName}/${schemaName}@${version}`;
    return this.call(target, 'glue:GetSchemaVersion', schemaArn(target, registryName, schemaName), async (client) => {
      const { GetSchemaVersionCommand } = await import('@aws-sdk/client-glue');
      const out = await client.send(
        new GetSchemaVersionCommand({
          SchemaId: { RegistryName: registryName, SchemaName: schemaName },
          SchemaVersionNumber: version === 'latest' ? { LatestVersion: true } : { VersionNumber: version },
        }),
      );
      if (!out.SchemaVersionId || typeof out.VersionNumber !== 'number' || out.SchemaDefinition === undefined) {
        throw new Error(`Glue returned no definition for ${label}.`);
      }
      return {
        registryName,
        schemaName,
        versionId: out.SchemaVersionId,
        version: out.VersionNumber,
        dataFormat: out.DataFormat ?? 'AVRO',
        definition: out.SchemaDefinition,
        ...(out.Status ? { status: out.Status } : {}),
        ...(out.CreatedTime ? { created: out.CreatedTime } : {}),
      };
    });
  }
}

/**
 * The ARN an access-denied message names and its "Copy IAM Policy Statement" puts in Resource; the
 * account is not known before a call, so it is a wildcard (valid in IAM policies).
 */
function registryArn(target: AwsTarget, registryName: string): string {
  return `arn:aws:glue:${target.region ?? '*'}:*:registry/${registryName}`;
}

function schemaArn(target: AwsTarget, registryName: string, schemaName: string): string {
  return `arn:aws:glue:${target.region ?? '*'}:*:schema/${registryName}/${schemaName}`;
}
