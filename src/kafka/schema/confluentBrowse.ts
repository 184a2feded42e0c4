/**
 * Browsing a Confluent-compatible schema registry over REST: subjects → versions → a version's
 * schema, over the reading side's client (ConfluentRegistryClient.getJson: base URL with a path,
 * basic auth or a bearer token, failures as SchemaFetchError).
 */
import { UserError } from '../../shared/errors';
import type { SchemaDataFormat } from './types';

export interface ConfluentReference {
  name: string;
  subject: string;
  version: number;
}

export interface ConfluentSchemaVersion {
  subject: string;
  version: number;
  id: number;
  dataFormat: SchemaDataFormat;
  definition: string;
  references: ConfluentReference[];
}

/** A version number, or the newest one. */
export type ConfluentVersionRef = number | 'latest';

const FORMATS: Record<string, SchemaDataFormat> = { AVRO: 'AVRO', PROTOBUF: 'PROTOBUF', JSON: 'JSON' };

/** Confluent's schemaType (absent for Avro) as the shared data-format name. */
export function confluentDataFormat(schemaType: unknown): SchemaDataFormat {
  return (typeof schemaType === 'string' && FORMATS[schemaType.toUpperCase()]) || 'AVRO';
}

/** What browsing needs of a registry client: a GET returning parsed JSON (H6's ConfluentRegistryClient has it). */
export interface ConfluentJsonGetter {
  getJson<T>(path: string): Promise<T>;
}

/** Subjects, versions and version schemas over any JSON getter (errors are the getter's). */
export class ConfluentBrowseClient {
  constructor(private readonly http: ConfluentJsonGetter) {}

  async listSubjects(): Promise<string[]> {
    const out = await this.http.getJson<unknown>('/subjects');
    if (!Array.isArray(out)) throw this.badAnswer('/subjects');
    return out.filter((s): s is string => typeof s === 'string').sort((a, b) => a.localeCompare(b));
  }

  /** Version numbers of a subject, newest first. */
  async listVersions(subject: string): Promise<number[]> {
    const path = `/subjects/${encodeURIComponent(subject)}/versions`;
    const out = await this.http.getJson<unknown>(path);
    if (!Array.isArray(out)) throw this.badAnswer(path);
    return out.filter((v): v is number => typeof v === 'number').sort((a, b) => b - a);
  }

  async getVersion(subject: string, version: ConfluentVersionRef): Promise<ConfluentSchemaVersion> {
    const path = `/subjects/${encodeURIComponent(subject)}/versions/${version}`;
    const out = (await this.http.getJson<unknown>(path)) as Record<string, unknown> | null;
    if (!out || typeof out.schema !== 'string' || typeof out.id !== 'number' || typeof out.version !== 'number') {
      throw this.badAnswer(path);
    }
    const refs = Array.isArray(out.references) ? (out.references as Record<string, unknown>[]) : [];
    return {
      subject: typeof out.subject === 'string' ? out.subject : subject,
      version: out.version,
      id: out.id,
      dataFormat: confluentDataFormat(out.schemaType),
      definition: out.schema,
      references: refs.flatMap((r) =>
        typeof r.name === 'string' && typeof r.subject === 'string' && typeof r.version === 'number'
          ? [{ name: r.name, subject: r.subject, version: r.version }]
          : [],
      ),
    };
  }

  private badAnswer(path: string): UserError {
    return new UserError(`The schema registry gave an unexpected answer to ${path}.`, {
      code: 'RegistryBadAnswer',
      hint: 'Check that the URL points at a Confluent-compatible schema registry (its base, without /subjects).',
    });
  }
}
