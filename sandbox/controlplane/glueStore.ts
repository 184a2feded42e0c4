/**
 * The sandbox's Glue Schema Registry data: registries → schemas → versions (+ version metadata),
 * kept in `<stateDir>/registry/glue.json` so registrations (by the seed, tests, the Java serde)
 * survive a control-plane restart and the schema version ids inside records on topics stay valid.
 * One store per state folder per process; every mutation is written through (atomic rename).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxState } from '../state';
import { writeAtomic } from '../atomicFile';

export type GlueDataFormat = 'AVRO' | 'JSON' | 'PROTOBUF';
export const DATA_FORMATS: readonly GlueDataFormat[] = ['AVRO', 'JSON', 'PROTOBUF'];
export type Compatibility =
  'NONE' | 'DISABLED' | 'BACKWARD' | 'BACKWARD_ALL' | 'FORWARD' | 'FORWARD_ALL' | 'FULL' | 'FULL_ALL';
export const COMPATIBILITIES: readonly Compatibility[] = [
  'NONE',
  'DISABLED',
  'BACKWARD',
  'BACKWARD_ALL',
  'FORWARD',
  'FORWARD_ALL',
  'FULL',
  'FULL_ALL',
];

export interface StoredVersion {
  id: string;
  number: number;
  definition: string;
  created: string;
  /** metadata key → value → created */
  metadata: Record<string, Record<string, string>>;
  /** Why the compatibility check failed (status FAILURE); absent: AVAILABLE. */
  failure?: string;
}

export interface StoredSchema {
  name: string;
  dataFormat: GlueDataFormat;
  compatibility: Compatibility;
  description?: string;
  tags: Record<string, string>;
  created: string;
  updated: string;
  checkpoint: number;
  versions: StoredVersion[];
}

export interface StoredRegistry {
  name: string;
  description?: string;
  tags: Record<string, string>;
  created: string;
  updated: string;
  schemas: StoredSchema[];
}

interface StoreFile {
  v: 1;
  registries: StoredRegistry[];
}

export class GlueStore {
  private data: StoreFile;

  constructor(
    readonly file: string,
    readonly region: string,
    readonly accountId: string,
  ) {
    this.data = load(file);
  }

  registries(): StoredRegistry[] {
    return this.data.registries;
  }

  registry(name: string): StoredRegistry | undefined {
    return this.data.registries.find((r) => r.name === name);
  }

  registryArn(name: string): string {
    return `arn:aws:glue:${this.region}:${this.accountId}:registry/${name}`;
  }

  schemaArn(registry: string, schema: string): string {
    return `arn:aws:glue:${this.region}:${this.accountId}:schema/${registry}/${schema}`;
  }

  /** The registry + schema + version holding a schema version id. */
  findVersion(id: string): { registry: StoredRegistry; schema: StoredSchema; version: StoredVersion } | undefined {
    const wanted = id.toLowerCase();
    for (const registry of this.data.registries) {
      for (const schema of registry.schemas) {
        const version = schema.versions.find((v) => v.id === wanted);
        if (version) return { registry, schema, version };
      }
    }
    return undefined;
  }

  addRegistry(r: StoredRegistry): void {
    this.data.registries.push(r);
    this.save();
  }

  removeRegistry(name: string): void {
    this.data.registries = this.data.registries.filter((r) => r.name !== name);
    this.save();
  }

  /** Persists after a caller changed stored objects in place. */
  save(): void {
    writeAtomic(this.file, `${JSON.stringify(this.data, null, 1)}\n`);
  }
}

function load(file: string): StoreFile {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as StoreFile;
    if (parsed && parsed.v === 1 && Array.isArray(parsed.registries)) return parsed;
  } catch {
    // missing or unreadable: start empty (the seed fills it again)
  }
  return { v: 1, registries: [] };
}

const stores = new Map<string, GlueStore>();

/** The store of the sandbox described by `state` (one per state folder in this process). */
export function glueStore(state: SandboxState): GlueStore {
  const file = join(state.stateDir, 'registry', 'glue.json');
  let s = stores.get(file);
  if (!s) {
    s = new GlueStore(file, state.region, state.accountId);
    stores.set(file, s);
  }
  return s;
}

/** A random schema version id, or a stable one for seeded versions (so records on topics stay decodable). */
export function newVersionId(seedKey?: string): string {
  if (!seedKey) return randomUUID();
  const h = createHash('sha256').update(`msk-sandbox-glue|${seedKey}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x40;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
