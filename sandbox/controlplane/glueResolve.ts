/**
 * The Glue Schema Registry model behind the operations in glue.ts: reading request members,
 * resolving RegistryId / SchemaId / SchemaVersionId / version numbers to stored objects (with Glue's
 * error types and the readonly principal's AccessDenied), response shapes, and registering versions
 * (shared with the seed).
 */
import type { OperationContext } from './api';
import { ApiError } from './errors';
import { compatibilityError, definitionError } from './glueCompat';
import {
  newVersionId,
  type Compatibility,
  type GlueDataFormat,
  type GlueStore,
  type StoredRegistry,
  type StoredSchema,
  type StoredVersion,
} from './glueStore';
import type { JsonObject } from './model';
import { paginate } from './pagination';

export const DEFAULT_REGISTRY = 'default-registry';
export const DENY_READONLY_TAG = 'sandbox:deny-readonly';
export const NAME = /^[a-zA-Z0-9-_$#.]{1,255}$/;
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const invalidInput = (message: string): ApiError => new ApiError(400, 'InvalidInputException', message);
export const entityNotFound = (message: string): ApiError => new ApiError(400, 'EntityNotFoundException', message);
export const alreadyExists = (message: string): ApiError => new ApiError(400, 'AlreadyExistsException', message);

export type Body = Record<string, unknown>;
export const bodyOf = (ctx: OperationContext): Body =>
  ctx.body && typeof ctx.body === 'object' ? (ctx.body as Body) : {};

export function str(b: Body, key: string, required = false): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) {
    if (required) throw invalidInput(`${key} is required.`);
    return undefined;
  }
  if (typeof v !== 'string') throw invalidInput(`${key} must be a string.`);
  return v;
}

export function name(v: string | undefined, what: string): string {
  if (v === undefined || !NAME.test(v)) {
    throw invalidInput(`${what} must be 1 to 255 characters of letters, digits, '-', '_', '$', '#' or '.'.`);
  }
  return v;
}

export function tagsOf(b: Body): Record<string, string> {
  const t = b.Tags;
  if (t === undefined || t === null) return {};
  if (typeof t !== 'object' || Array.isArray(t)) throw invalidInput('Tags must be a map of strings.');
  return Object.fromEntries(Object.entries(t as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

// ---------------------------------------------------------------------------------------------
// Resolving registries, schemas, versions

export function registryNameOf(store: GlueStore, v: unknown, fallback?: string): string {
  if (v === undefined || v === null) {
    if (fallback) return fallback;
    throw invalidInput('RegistryId is required.');
  }
  if (typeof v !== 'object') throw invalidInput('RegistryId must be a structure.');
  const id = v as Body;
  const arn = str(id, 'RegistryArn');
  const n = str(id, 'RegistryName');
  if (arn !== undefined && n !== undefined) throw invalidInput('Give either RegistryName or RegistryArn, not both.');
  if (arn !== undefined) {
    const m = /^arn:aws[a-z-]*:glue:[a-z0-9-]+:\d{12}:registry\/(.+)$/.exec(arn);
    if (!m?.[1]) throw invalidInput(`RegistryArn is not a valid registry ARN: ${arn}`);
    if (arn !== store.registryArn(m[1])) throw entityNotFound('Registry is not found.');
    return m[1];
  }
  if (n !== undefined) return name(n, 'RegistryName');
  if (fallback) return fallback;
  throw invalidInput('RegistryId needs RegistryName or RegistryArn.');
}

export function schemaKeyOf(store: GlueStore, v: unknown): { registry: string; schema: string } {
  if (v === undefined || v === null || typeof v !== 'object') throw invalidInput('SchemaId is required.');
  const id = v as Body;
  const arn = str(id, 'SchemaArn');
  if (arn !== undefined) {
    const m = /^arn:aws[a-z-]*:glue:[a-z0-9-]+:\d{12}:schema\/([^/]+)\/([^/]+)$/.exec(arn);
    if (!m?.[1] || !m[2]) throw invalidInput(`SchemaArn is not a valid schema ARN: ${arn}`);
    if (arn !== store.schemaArn(m[1], m[2])) throw entityNotFound('Schema is not found.');
    return { registry: m[1], schema: m[2] };
  }
  const schema = str(id, 'SchemaName');
  if (schema === undefined) throw invalidInput('SchemaId needs SchemaArn or SchemaName.');
  return {
    registry: name(str(id, 'RegistryName') ?? DEFAULT_REGISTRY, 'RegistryName'),
    schema: name(schema, 'SchemaName'),
  };
}

export function denied(ctx: OperationContext, action: string, registry: StoredRegistry, resource: string): void {
  if (ctx.principal === 'admin' || registry.tags[DENY_READONLY_TAG] !== 'true') return;
  throw new ApiError(
    400,
    'AccessDeniedException',
    `User: arn:aws:iam::${ctx.view.state.accountId}:user/${ctx.principal ?? 'unknown'} is not authorized to perform: glue:${action} on resource: ${resource} because no identity-based policy allows the glue:${action} action`,
  );
}

export function findRegistry(ctx: OperationContext, store: GlueStore, regName: string, action: string): StoredRegistry {
  const r = store.registry(regName);
  if (!r) throw entityNotFound('Registry is not found.');
  denied(ctx, action, r, store.registryArn(r.name));
  return r;
}

export function findSchema(
  ctx: OperationContext,
  store: GlueStore,
  idValue: unknown,
  action: string,
): { registry: StoredRegistry; schema: StoredSchema } {
  const key = schemaKeyOf(store, idValue);
  const registry = store.registry(key.registry);
  if (!registry) throw entityNotFound('Schema is not found.');
  denied(ctx, action, registry, store.schemaArn(registry.name, key.schema));
  const schema = registry.schemas.find((s) => s.name === key.schema);
  if (!schema) throw entityNotFound('Schema is not found.');
  return { registry, schema };
}

export const available = (s: StoredSchema): StoredVersion[] => s.versions.filter((v) => status(v) === 'AVAILABLE');
export const status = (v: StoredVersion): string => (v.failure !== undefined ? 'FAILURE' : 'AVAILABLE');
export const latest = (s: StoredSchema): StoredVersion | undefined => available(s).at(-1);

export function versionBy(s: StoredSchema, spec: unknown): StoredVersion {
  if (spec === undefined || spec === null || typeof spec !== 'object') {
    throw invalidInput('SchemaVersionNumber is required with SchemaId.');
  }
  const n = spec as Body;
  if (n.LatestVersion === true) {
    if (n.VersionNumber !== undefined) throw invalidInput('Give either LatestVersion or VersionNumber, not both.');
    const v = latest(s);
    if (!v) throw entityNotFound('Schema version is not found.');
    return v;
  }
  if (typeof n.VersionNumber !== 'number' || !Number.isInteger(n.VersionNumber) || n.VersionNumber < 1) {
    throw invalidInput('SchemaVersionNumber needs LatestVersion true or a VersionNumber of at least 1.');
  }
  const v = s.versions.find((x) => x.number === n.VersionNumber);
  if (!v) throw entityNotFound('Schema version is not found.');
  return v;
}

/** By SchemaVersionId, or by SchemaId + SchemaVersionNumber. */
export function findVersion(
  ctx: OperationContext,
  store: GlueStore,
  b: Body,
  action: string,
): { registry: StoredRegistry; schema: StoredSchema; version: StoredVersion } {
  const id = str(b, 'SchemaVersionId');
  if (id !== undefined) {
    if (b.SchemaId !== undefined) throw invalidInput('Give either SchemaVersionId or SchemaId, not both.');
    if (!UUID.test(id)) throw invalidInput(`SchemaVersionId is not a valid UUID: ${id}`);
    const found = store.findVersion(id);
    if (!found) throw entityNotFound('Schema version is not found.');
    denied(ctx, action, found.registry, store.schemaArn(found.registry.name, found.schema.name));
    return found;
  }
  if (b.SchemaId === undefined) throw invalidInput('Give SchemaVersionId, or SchemaId and SchemaVersionNumber.');
  const { registry, schema } = findSchema(ctx, store, b.SchemaId, action);
  return { registry, schema, version: versionBy(schema, b.SchemaVersionNumber) };
}

export function sameDefinition(format: GlueDataFormat, a: string, b: string): boolean {
  if (a === b) return true;
  if (format === 'PROTOBUF') return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

export const page = (b: Body, all: unknown[], scope: string) => {
  const max = b.MaxResults;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100)) {
    throw invalidInput('MaxResults must be an integer between 1 and 100.');
  }
  try {
    return paginate(
      all,
      { maxResults: max === undefined ? undefined : String(max), nextToken: str(b, 'NextToken') },
      { scope, defaultMax: 25, limit: 100 },
    );
  } catch {
    throw invalidInput('The NextToken is not valid.');
  }
};

// ---------------------------------------------------------------------------------------------
// Shapes

export function registryShape(store: GlueStore, r: StoredRegistry): JsonObject {
  return {
    RegistryName: r.name,
    RegistryArn: store.registryArn(r.name),
    ...(r.description !== undefined ? { Description: r.description } : {}),
    Status: 'AVAILABLE',
    CreatedTime: r.created,
    UpdatedTime: r.updated,
  };
}

export function schemaShape(store: GlueStore, r: StoredRegistry, s: StoredSchema): JsonObject {
  const last = latest(s);
  return {
    RegistryName: r.name,
    RegistryArn: store.registryArn(r.name),
    SchemaName: s.name,
    SchemaArn: store.schemaArn(r.name, s.name),
    ...(s.description !== undefined ? { Description: s.description } : {}),
    DataFormat: s.dataFormat,
    Compatibility: s.compatibility,
    SchemaCheckpoint: s.checkpoint,
    LatestSchemaVersion: last?.number ?? 0,
    NextSchemaVersion: (s.versions.at(-1)?.number ?? 0) + 1,
    SchemaStatus: 'AVAILABLE',
    CreatedTime: s.created,
    UpdatedTime: s.updated,
  };
}

export function versionShape(store: GlueStore, r: StoredRegistry, s: StoredSchema, v: StoredVersion): JsonObject {
  return {
    SchemaVersionId: v.id,
    SchemaDefinition: v.definition,
    DataFormat: s.dataFormat,
    SchemaArn: store.schemaArn(r.name, s.name),
    VersionNumber: v.number,
    Status: status(v),
    CreatedTime: v.created,
  };
}

// ---------------------------------------------------------------------------------------------
// Registering (shared with the seed)

export interface RegisterResult {
  version: StoredVersion;
  created: boolean;
  failure?: string;
}

/** Adds `definition` as the next version (or returns the existing version with that definition). */
export function registerVersion(
  store: GlueStore,
  schema: StoredSchema,
  definition: string,
  seedKey?: string,
): RegisterResult {
  const existing = schema.versions.find((v) => sameDefinition(schema.dataFormat, v.definition, definition));
  if (existing) return { version: existing, created: false };
  const invalid = definitionError(schema.dataFormat, definition);
  if (invalid) throw invalidInput(`Schema definition of ${schema.dataFormat} data format is invalid: ${invalid}`);
  const failure = compatibilityError(schema.dataFormat, schema.compatibility, definition, available(schema));
  const now = new Date().toISOString();
  const version: StoredVersion = {
    id: newVersionId(seedKey),
    number: (schema.versions.at(-1)?.number ?? 0) + 1,
    definition,
    created: now,
    metadata: {},
    ...(failure ? { failure } : {}),
  };
  schema.versions.push(version);
  schema.updated = now;
  if (!failure) schema.checkpoint = schema.checkpoint || 1;
  store.save();
  return { version, created: true, ...(failure ? { failure } : {}) };
}

export function ensureRegistry(
  store: GlueStore,
  regName: string,
  description?: string,
  tags: Record<string, string> = {},
): StoredRegistry {
  const found = store.registry(regName);
  if (found) return found;
  const now = new Date().toISOString();
  const r: StoredRegistry = {
    name: regName,
    ...(description !== undefined ? { description } : {}),
    tags,
    created: now,
    updated: now,
    schemas: [],
  };
  store.addRegistry(r);
  return r;
}

export function newSchema(
  registry: StoredRegistry,
  schemaName: string,
  dataFormat: GlueDataFormat,
  compatibility: Compatibility,
  description?: string,
  tags: Record<string, string> = {},
): StoredSchema {
  const now = new Date().toISOString();
  const s: StoredSchema = {
    name: schemaName,
    dataFormat,
    compatibility,
    ...(description !== undefined ? { description } : {}),
    tags,
    created: now,
    updated: now,
    checkpoint: 1,
    versions: [],
  };
  registry.schemas.push(s);
  return s;
}

export function requireAdmin(ctx: OperationContext, action: string, resource: string): void {
  if (ctx.principal === 'admin') return;
  throw new ApiError(
    400,
    'AccessDeniedException',
    `User: arn:aws:iam::${ctx.view.state.accountId}:user/${ctx.principal ?? 'unknown'} is not authorized to perform: glue:${action} on resource: ${resource} because no identity-based policy allows the glue:${action} action`,
  );
}
