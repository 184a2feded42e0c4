/**
 * AWS Glue Schema Registry, reading side: the schema version a record names (GetSchemaVersion by
 * SchemaVersionId), through the one client factory with the cluster's own profile, region and
 * endpoint. Failures become SchemaFetchErrors whose message names `glue:GetSchemaVersion`.
 */
import type { RegistrySchema, SchemaDataFormat } from '../kafka/schema/types';
import { SchemaFetchError } from '../kafka/schema/registryClient';
import type { AwsClientFactory, AwsTarget } from './clientFactory';
import { AwsUserError } from './errors';

export const GET_SCHEMA_VERSION = 'glue:GetSchemaVersion';

/** `orders-value` of arn:aws:glue:<region>:<account>:schema/<registry>/<schema>. */
export function schemaNameFromArn(arn: string | undefined): string | undefined {
  const m = /:schema\/[^/]+\/(.+)$/.exec(arn ?? '');
  return m?.[1];
}

function dataFormat(f: string | undefined): SchemaDataFormat {
  return f === 'PROTOBUF' || f === 'JSON' ? f : 'AVRO';
}

function causeName(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const name = (e as { name?: unknown }).name;
    if (typeof name === 'string' && name.endsWith('Exception')) return name;
  }
  return undefined;
}

export class GlueSchemaService {
  constructor(private readonly factory: AwsClientFactory) {}

  /** The schema version with this id. Throws SchemaFetchError (unknown-id, access-denied, unreachable). */
  async getSchemaVersion(target: AwsTarget, schemaVersionId: string): Promise<RegistrySchema> {
    try {
      const out = await this.factory.call(
        'glue',
        target,
        GET_SCHEMA_VERSION,
        `schema version ${schemaVersionId}`,
        async (client) => {
          const { GetSchemaVersionCommand } = await import('@aws-sdk/client-glue');
          return client.send(new GetSchemaVersionCommand({ SchemaVersionId: schemaVersionId }));
        },
      );
      if (out.SchemaDefinition === undefined) {
        throw new SchemaFetchError('unknown-id', `Glue returned no definition for schema version ${schemaVersionId}.`);
      }
      const name = schemaNameFromArn(out.SchemaArn) ?? schemaVersionId;
      return {
        ref: { registry: 'glue', schemaVersionId: (out.SchemaVersionId ?? schemaVersionId).toLowerCase() },
        dataFormat: dataFormat(out.DataFormat),
        definition: out.SchemaDefinition,
        name: out.VersionNumber !== undefined ? `${name} v${out.VersionNumber}` : name,
      };
    } catch (err) {
      throw toFetchError(err, schemaVersionId);
    }
  }
}

function toFetchError(err: unknown, schemaVersionId: string): SchemaFetchError {
  if (err instanceof SchemaFetchError) return err;
  if (causeName(err) === 'EntityNotFoundException') {
    return new SchemaFetchError('unknown-id', `Glue has no schema version ${schemaVersionId} (${GET_SCHEMA_VERSION}).`);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof AwsUserError) {
    if (err.kind === 'access-denied') {
      const text = message.includes(GET_SCHEMA_VERSION) ? message : `${message} (${GET_SCHEMA_VERSION})`;
      return new SchemaFetchError('access-denied', text);
    }
    if (err.kind === 'not-found') {
      return new SchemaFetchError(
        'unknown-id',
        `Glue has no schema version ${schemaVersionId} (${GET_SCHEMA_VERSION}).`,
      );
    }
  }
  return new SchemaFetchError('unreachable', `${GET_SCHEMA_VERSION} failed: ${message}`);
}
