/**
 * The Glue Schema Registry operations of the control plane (AWS JSON 1.1, `X-Amz-Target:
 * AWSGlue.<Op>`, SigV4 scope `glue`), with Glue's request/response members and error types
 * (EntityNotFoundException, AlreadyExistsException, InvalidInputException, AccessDeniedException).
 * What the extension and AWS's Java serde (schema-registry-serde) call: registries, schemas,
 * versions, get by id / number / latest / definition, register with the compatibility check,
 * version metadata. Data lives in glueStore.ts; resolving and shapes in glueResolve.ts; checks in
 * glueCompat.ts.
 *
 * Access: `admin` may do everything; `readonly` may read, except in registries tagged
 * `sandbox:deny-readonly=true` (seeded: `sandbox-restricted`), where every call is an
 * AccessDeniedException naming the action (e.g. glue:GetSchemaVersion) — the "access denied" case.
 */
import type { Operation, OperationContext } from './api';
import { definitionError } from './glueCompat';
import {
  COMPATIBILITIES,
  DATA_FORMATS,
  glueStore,
  type Compatibility,
  type GlueDataFormat,
  type GlueStore,
  type StoredRegistry,
  type StoredSchema,
  type StoredVersion,
} from './glueStore';
import {
  DEFAULT_REGISTRY,
  DENY_READONLY_TAG,
  alreadyExists,
  bodyOf,
  denied,
  ensureRegistry,
  entityNotFound,
  findRegistry,
  findSchema,
  findVersion,
  invalidInput,
  latest,
  name,
  newSchema,
  page,
  registerVersion,
  registryNameOf,
  registryShape,
  requireAdmin,
  sameDefinition,
  schemaShape,
  status,
  str,
  tagsOf,
  versionBy,
  versionShape,
  type Body,
} from './glueResolve';
import type { JsonObject } from './model';

export { DEFAULT_REGISTRY, DENY_READONLY_TAG, ensureRegistry, newSchema, registerVersion };

export const GLUE_TARGET_PREFIX = 'AWSGlue';
// ---------------------------------------------------------------------------------------------
// Operations

function op(opName: string, run: (ctx: OperationContext, store: GlueStore, b: Body) => JsonObject): Operation {
  return {
    name: opName,
    service: 'glue',
    protocol: 'json-1.1',
    handle(ctx) {
      return Promise.resolve(run(ctx, glueStore(ctx.view.state), bodyOf(ctx)));
    },
  };
}

const ops: Operation[] = [
  op('CreateRegistry', (ctx, store, b) => {
    const n = name(str(b, 'RegistryName', true), 'RegistryName');
    requireAdmin(ctx, 'CreateRegistry', store.registryArn(n));
    if (store.registry(n)) throw alreadyExists(`Registry already exists. RegistryName: ${n}`);
    const r = ensureRegistry(store, n, str(b, 'Description'), tagsOf(b));
    return { RegistryArn: store.registryArn(r.name), RegistryName: r.name, Description: r.description, Tags: r.tags };
  }),
  op('GetRegistry', (ctx, store, b) =>
    registryShape(store, findRegistry(ctx, store, registryNameOf(store, b.RegistryId), 'GetRegistry')),
  ),
  op('ListRegistries', (_ctx, store, b) => {
    const p = page(b, store.registries(), 'ListRegistries');
    return { Registries: p.items.map((r) => registryShape(store, r as StoredRegistry)), NextToken: p.nextToken };
  }),
  op('UpdateRegistry', (ctx, store, b) => {
    const r = findRegistry(ctx, store, registryNameOf(store, b.RegistryId), 'UpdateRegistry');
    requireAdmin(ctx, 'UpdateRegistry', store.registryArn(r.name));
    const d = str(b, 'Description', true);
    r.description = d;
    r.updated = new Date().toISOString();
    store.save();
    return { RegistryName: r.name, RegistryArn: store.registryArn(r.name) };
  }),
  op('DeleteRegistry', (ctx, store, b) => {
    const r = findRegistry(ctx, store, registryNameOf(store, b.RegistryId), 'DeleteRegistry');
    requireAdmin(ctx, 'DeleteRegistry', store.registryArn(r.name));
    store.removeRegistry(r.name);
    return { RegistryName: r.name, RegistryArn: store.registryArn(r.name), Status: 'DELETING' };
  }),
  op('CreateSchema', (ctx, store, b) => {
    const regName = registryNameOf(store, b.RegistryId, DEFAULT_REGISTRY);
    const schemaName = name(str(b, 'SchemaName', true), 'SchemaName');
    const format = str(b, 'DataFormat', true) as GlueDataFormat;
    if (!DATA_FORMATS.includes(format)) throw invalidInput(`DataFormat must be one of ${DATA_FORMATS.join(', ')}.`);
    const compat = (str(b, 'Compatibility') ?? 'BACKWARD') as Compatibility;
    if (!COMPATIBILITIES.includes(compat)) {
      throw invalidInput(`Compatibility must be one of ${COMPATIBILITIES.join(', ')}.`);
    }
    requireAdmin(ctx, 'CreateSchema', store.schemaArn(regName, schemaName));
    const definition = str(b, 'SchemaDefinition');
    if (definition !== undefined) {
      const invalid = definitionError(format, definition);
      if (invalid) throw invalidInput(`Schema definition of ${format} data format is invalid: ${invalid}`);
    }
    let registry = store.registry(regName);
    if (!registry) {
      if (regName !== DEFAULT_REGISTRY) throw entityNotFound('Registry is not found.');
      registry = ensureRegistry(store, DEFAULT_REGISTRY, 'The default registry (created by CreateSchema).');
    }
    denied(ctx, 'CreateSchema', registry, store.schemaArn(regName, schemaName));
    if (registry.schemas.some((s) => s.name === schemaName)) {
      throw alreadyExists(`Schema already exists. SchemaName: ${schemaName}`);
    }
    const schema = newSchema(registry, schemaName, format, compat, str(b, 'Description'), tagsOf(b));
    store.save();
    const v = definition !== undefined ? registerVersion(store, schema, definition).version : undefined;
    return {
      ...schemaShape(store, registry, schema),
      Tags: schema.tags,
      ...(v ? { SchemaVersionId: v.id, SchemaVersionStatus: status(v) } : {}),
      CreatedTime: undefined,
      UpdatedTime: undefined,
    };
  }),
  op('GetSchema', (ctx, store, b) => {
    const { registry, schema } = findSchema(ctx, store, b.SchemaId, 'GetSchema');
    return schemaShape(store, registry, schema);
  }),
  op('ListSchemas', (ctx, store, b) => {
    const r =
      b.RegistryId === undefined
        ? undefined
        : findRegistry(ctx, store, registryNameOf(store, b.RegistryId), 'ListSchemas');
    const all = (r ? [r] : store.registries()).flatMap((reg) => reg.schemas.map((s) => ({ reg, s })));
    const p = page(b, all, `ListSchemas|${r?.name ?? ''}`);
    return {
      Schemas: p.items.map((x) => {
        const { reg, s } = x as { reg: StoredRegistry; s: StoredSchema };
        return {
          RegistryName: reg.name,
          SchemaName: s.name,
          SchemaArn: store.schemaArn(reg.name, s.name),
          ...(s.description !== undefined ? { Description: s.description } : {}),
          SchemaStatus: 'AVAILABLE',
          CreatedTime: s.created,
          UpdatedTime: s.updated,
        };
      }),
      NextToken: p.nextToken,
    };
  }),
  op('UpdateSchema', (ctx, store, b) => {
    const { registry, schema } = findSchema(ctx, store, b.SchemaId, 'UpdateSchema');
    requireAdmin(ctx, 'UpdateSchema', store.schemaArn(registry.name, schema.name));
    const compat = str(b, 'Compatibility') as Compatibility | undefined;
    const desc = str(b, 'Description');
    if (compat === undefined && desc === undefined) throw invalidInput('Give Compatibility or Description.');
    if (compat !== undefined && !COMPATIBILITIES.includes(compat)) {
      throw invalidInput(`Compatibility must be one of ${COMPATIBILITIES.join(', ')}.`);
    }
    if (b.SchemaVersionNumber !== undefined) schema.checkpoint = versionBy(schema, b.SchemaVersionNumber).number;
    if (compat !== undefined) schema.compatibility = compat;
    if (desc !== undefined) schema.description = desc;
    schema.updated = new Date().toISOString();
    store.save();
    return {
      SchemaArn: store.schemaArn(registry.name, schema.name),
      SchemaName: schema.name,
      RegistryName: registry.name,
    };
  }),
  op('DeleteSchema', (ctx, store, b) => {
    const { registry, schema } = findSchema(ctx, store, b.SchemaId, 'DeleteSchema');
    requireAdmin(ctx, 'DeleteSchema', store.schemaArn(registry.name, schema.name));
    registry.schemas = registry.schemas.filter((s) => s !== schema);
    store.save();
    return { SchemaArn: store.schemaArn(registry.name, schema.name), SchemaName: schema.name, Status: 'DELETING' };
  }),
  op('RegisterSchemaVersion', (ctx, store, b) => {
    const { registry, schema } = findSchema(ctx, store, b.SchemaId, 'RegisterSchemaVersion');
    requireAdmin(ctx, 'RegisterSchemaVersion', store.schemaArn(registry.name, schema.name));
    const definition = str(b, 'SchemaDefinition', true) as string;
    const r = registerVersion(store, schema, definition);
    if (r.failure)
      console.log(
        `${new Date().toISOString()} glue: ${registry.name}/${schema.name} version ${r.version.number} FAILURE: ${r.failure}`,
      );
    return { SchemaVersionId: r.version.id, VersionNumber: r.version.number, Status: status(r.version) };
  }),
  op('GetSchemaVersion', (ctx, store, b) => {
    const { registry, schema, version } = findVersion(ctx, store, b, 'GetSchemaVersion');
    return versionShape(store, registry, schema, version);
  }),
  op('ListSchemaVersions', (ctx, store, b) => {
    const { registry, schema } = findSchema(ctx, store, b.SchemaId, 'ListSchemaVersions');
    const p = page(b, schema.versions, `ListSchemaVersions|${registry.name}|${schema.name}`);
    return {
      Schemas: p.items.map((x) => {
        const v = x as StoredVersion;
        return {
          SchemaArn: store.schemaArn(registry.name, schema.name),
          SchemaVersionId: v.id,
          VersionNumber: v.number,
          Status: status(v),
          CreatedTime: v.created,
        };
      }),
      NextToken: p.nextToken,
    };
  }),
  op('GetSchemaByDefinition', (ctx, store, b) => {
    const { registry, schema } = findSchema(ctx, store, b.SchemaId, 'GetSchemaByDefinition');
    const definition = str(b, 'SchemaDefinition', true) as string;
    const v = schema.versions.find((x) => sameDefinition(schema.dataFormat, x.definition, definition));
    if (!v) throw entityNotFound('Schema version is not found.');
    return {
      SchemaVersionId: v.id,
      SchemaArn: store.schemaArn(registry.name, schema.name),
      DataFormat: schema.dataFormat,
      Status: status(v),
      CreatedTime: v.created,
    };
  }),
  op('CheckSchemaVersionValidity', (_ctx, _store, b) => {
    const format = str(b, 'DataFormat', true) as GlueDataFormat;
    if (!DATA_FORMATS.includes(format)) throw invalidInput(`DataFormat must be one of ${DATA_FORMATS.join(', ')}.`);
    const why = definitionError(format, str(b, 'SchemaDefinition', true) as string);
    return why ? { Valid: false, Error: why } : { Valid: true };
  }),
  op('PutSchemaVersionMetadata', (ctx, store, b) => {
    const { registry, schema, version } = findVersion(ctx, store, b, 'PutSchemaVersionMetadata');
    requireAdmin(ctx, 'PutSchemaVersionMetadata', store.schemaArn(registry.name, schema.name));
    const kv = (b.MetadataKeyValue ?? {}) as Body;
    const key = str(kv, 'MetadataKey', true) as string;
    const value = str(kv, 'MetadataValue', true) as string;
    const values = (version.metadata[key] ??= {});
    if (values[value]) throw alreadyExists(`Metadata already exists. MetadataKey: ${key}`);
    values[value] = new Date().toISOString();
    store.save();
    return {
      SchemaArn: store.schemaArn(registry.name, schema.name),
      SchemaName: schema.name,
      RegistryName: registry.name,
      LatestVersion: latest(schema)?.id === version.id,
      VersionNumber: version.number,
      SchemaVersionId: version.id,
      MetadataKey: key,
      MetadataValue: value,
    };
  }),
  op('QuerySchemaVersionMetadata', (ctx, store, b) => {
    const { version } = findVersion(ctx, store, b, 'QuerySchemaVersionMetadata');
    const filters = Array.isArray(b.MetadataList) ? (b.MetadataList as Body[]) : [];
    const map: Record<string, JsonObject> = {};
    for (const [key, values] of Object.entries(version.metadata)) {
      const entries = Object.entries(values).filter(([value]) =>
        filters.every((f) => f.MetadataKey !== key || f.MetadataValue === undefined || f.MetadataValue === value),
      );
      if (filters.length && !filters.some((f) => f.MetadataKey === key)) continue;
      const [first, ...rest] = entries;
      if (!first) continue;
      map[key] = {
        MetadataValue: first[0],
        CreatedTime: first[1],
        OtherMetadataValueList: rest.map(([MetadataValue, CreatedTime]) => ({ MetadataValue, CreatedTime })),
      };
    }
    return { MetadataInfoMap: map, SchemaVersionId: version.id };
  }),
];

/** The Glue operations by X-Amz-Target (`AWSGlue.<Op>`). */
export const GLUE_OPERATIONS: Record<string, Operation> = Object.fromEntries(
  ops.map((o) => [`${GLUE_TARGET_PREFIX}.${o.name}`, o]),
);
