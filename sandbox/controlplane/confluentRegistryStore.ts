/**
 * Data of the sandbox's Confluent-compatible schema registry: schemas by global id, subjects →
 * versions, compatibility config. Kept in `<stateDir>/registry/confluent.json` (survives control
 * plane restarts, so the ids inside records on topics stay valid). Also the registry's basic-auth
 * credentials, derived from the sandbox's generated admin secret (stable for one sandbox, never in
 * the repository); they are in sandbox.json (`schemaRegistry.confluent`) and shown by fixtures.ts.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxState } from '../state';
import { writeAtomic } from '../atomicFile';

export type ConfluentSchemaType = 'AVRO' | 'PROTOBUF' | 'JSON';

export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

export interface StoredConfluentSchema {
  id: number;
  schemaType: ConfluentSchemaType;
  schema: string;
  references: SchemaReference[];
}

export interface SubjectVersion {
  version: number;
  id: number;
}

interface StoreFile {
  v: 1;
  nextId: number;
  schemas: StoredConfluentSchema[];
  subjects: Record<string, { versions: SubjectVersion[]; compatibility?: string }>;
  compatibility: string;
}

export const CONFLUENT_USERNAME = 'sandbox';

/** The registry's basic-auth password for this sandbox (derived from its generated admin secret). */
export function confluentPassword(state: SandboxState): string {
  return passwordFor(state.principals.admin.secretAccessKey);
}

function passwordFor(adminSecret: string): string {
  return createHmac('sha256', adminSecret)
    .update('msk-sandbox confluent schema registry')
    .digest('base64url')
    .slice(0, 24);
}

function tokenFor(adminSecret: string): string {
  return createHmac('sha256', adminSecret).update('msk-sandbox confluent schema registry bearer').digest('base64url');
}

/** The bearer token the registry also accepts (`Authorization: Bearer <token>`). */
export function confluentBearerToken(state: SandboxState): string {
  return tokenFor(state.principals.admin.secretAccessKey);
}

export const CONFLUENT_PATH = '/confluent';
export const GLUE_SEED_REGISTRY = 'sandbox-registry';

/** `schemaRegistry` of sandbox.json. */
export function schemaRegistryState(
  controlPlaneEndpoint: string,
  adminSecret: string,
): NonNullable<SandboxState['schemaRegistry']> {
  return {
    glue: { endpoint: controlPlaneEndpoint, registry: GLUE_SEED_REGISTRY },
    confluent: {
      url: `${controlPlaneEndpoint}${CONFLUENT_PATH}`,
      username: CONFLUENT_USERNAME,
      password: passwordFor(adminSecret),
      bearerToken: tokenFor(adminSecret),
    },
  };
}

export class ConfluentStore {
  private data: StoreFile;

  constructor(readonly file: string) {
    this.data = load(file);
  }

  get compatibility(): string {
    return this.data.compatibility;
  }

  set compatibility(level: string) {
    this.data.compatibility = level;
    this.save();
  }

  subjects(): string[] {
    return Object.keys(this.data.subjects).filter((s) => (this.data.subjects[s]?.versions.length ?? 0) > 0);
  }

  subject(name: string): { versions: SubjectVersion[]; compatibility?: string } | undefined {
    const s = this.data.subjects[name];
    return s && s.versions.length > 0 ? s : undefined;
  }

  setSubjectCompatibility(name: string, level: string): void {
    (this.data.subjects[name] ??= { versions: [] }).compatibility = level;
    this.save();
  }

  byId(id: number): StoredConfluentSchema | undefined {
    return this.data.schemas.find((s) => s.id === id);
  }

  find(
    schemaType: ConfluentSchemaType,
    schema: string,
    references: SchemaReference[],
  ): StoredConfluentSchema | undefined {
    const refs = JSON.stringify(references);
    return this.data.schemas.find(
      (s) =>
        s.schemaType === schemaType && sameText(schemaType, s.schema, schema) && JSON.stringify(s.references) === refs,
    );
  }

  /** Subjects/versions that use schema id `id`. */
  usages(id: number): { subject: string; version: number }[] {
    return Object.entries(this.data.subjects).flatMap(([subject, s]) =>
      s.versions.filter((v) => v.id === id).map((v) => ({ subject, version: v.version })),
    );
  }

  /** Removes a subject (its schemas keep their ids); returns the versions it had. */
  deleteSubject(name: string): number[] {
    const versions = (this.data.subjects[name]?.versions ?? []).map((v) => v.version);
    delete this.data.subjects[name];
    this.save();
    return versions;
  }

  /** Adds a schema (or reuses the id of an identical one) as the subject's next version. */
  add(subject: string, schemaType: ConfluentSchemaType, schema: string, references: SchemaReference[]): SubjectVersion {
    let stored = this.find(schemaType, schema, references);
    if (!stored) {
      stored = { id: this.data.nextId++, schemaType, schema, references };
      this.data.schemas.push(stored);
    }
    const s = (this.data.subjects[subject] ??= { versions: [] });
    const existing = s.versions.find((v) => v.id === stored.id);
    if (existing) return existing;
    const v = { version: (s.versions.at(-1)?.version ?? 0) + 1, id: stored.id };
    s.versions.push(v);
    this.save();
    return v;
  }

  private save(): void {
    writeAtomic(this.file, `${JSON.stringify(this.data, null, 1)}\n`);
  }
}

export function sameText(schemaType: ConfluentSchemaType, a: string, b: string): boolean {
  if (a === b) return true;
  if (schemaType === 'PROTOBUF') return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

function load(file: string): StoreFile {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as StoreFile;
    if (parsed && parsed.v === 1 && Array.isArray(parsed.schemas)) return parsed;
  } catch {
    // missing or unreadable: start empty (the seed fills it again)
  }
  return { v: 1, nextId: 1, schemas: [], subjects: {}, compatibility: 'BACKWARD' };
}

const stores = new Map<string, ConfluentStore>();

export function confluentStore(state: SandboxState): ConfluentStore {
  const file = join(state.stateDir, 'registry', 'confluent.json');
  let s = stores.get(file);
  if (!s) {
    s = new ConfluentStore(file);
    stores.set(file, s);
  }
  return s;
}
