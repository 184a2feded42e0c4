/**
 * A Confluent-compatible schema registry over REST: schemas by id (with their references resolved
 * through /subjects/{s}/versions/{v}), basic auth or a bearer token. The base URL may have a path.
 */
import { SchemaFetchError } from './registryClient';
import type { RegistrySchema, SchemaDataFormat } from './types';

export type ConfluentAuth =
  { kind: 'none' } | { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

export interface ConfluentClientOptions {
  url: string;
  auth: ConfluentAuth;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

export interface ConfluentSchemaResponse {
  schema: string;
  schemaType?: string;
  references?: SchemaReference[];
}

export interface ConfluentSubjectVersion extends ConfluentSchemaResponse {
  subject: string;
  id: number;
  version: number;
}

function dataFormat(schemaType: string | undefined): SchemaDataFormat {
  if (schemaType === 'PROTOBUF') return 'PROTOBUF';
  if (schemaType === 'JSON') return 'JSON';
  return 'AVRO';
}

export class ConfluentRegistryClient {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ConfluentClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? fetch;
  }

  get url(): string {
    return this.base;
  }

  private headers(): Record<string, string> {
    const h: Record<string, string> = { Accept: 'application/vnd.schemaregistry.v1+json, application/json' };
    const a = this.options.auth;
    if (a.kind === 'basic')
      h['Authorization'] = `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`;
    if (a.kind === 'bearer') h['Authorization'] = `Bearer ${a.token}`;
    return h;
  }

  /** GET a registry path (e.g. `/subjects`), parsed JSON. Throws SchemaFetchError. */
  async getJson<T>(path: string): Promise<T> {
    const url = `${this.base}${path.startsWith('/') ? path : `/${path}`}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        headers: this.headers(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new SchemaFetchError('unreachable', `The schema registry at ${this.base} is unreachable (${why}).`);
    }
    const text = await res.text();
    if (res.ok) {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new SchemaFetchError(
          'unreachable',
          `The schema registry at ${this.base} answered ${path} with something that is not JSON.`,
        );
      }
    }
    let detail = '';
    let code: number | undefined;
    try {
      const body = JSON.parse(text) as { message?: string; error_code?: number };
      detail = body.message ?? '';
      code = body.error_code;
    } catch {
      detail = text.slice(0, 200);
    }
    const suffix = detail ? `: ${detail}` : '';
    if (res.status === 401 || res.status === 403) {
      throw new SchemaFetchError(
        'access-denied',
        `The schema registry at ${this.base} refused access (HTTP ${res.status}${suffix}). Check the user and password/token set for it.`,
      );
    }
    if (res.status === 404) {
      throw new SchemaFetchError(
        'unknown-id',
        `The schema registry at ${this.base} has no ${path} (${code ?? 404}${suffix}).`,
      );
    }
    throw new SchemaFetchError(
      'unreachable',
      `The schema registry at ${this.base} failed on ${path} (HTTP ${res.status}${suffix}).`,
    );
  }

  /** The schema with a global id, references resolved, named after its subject and version when the registry says. */
  async schemaById(id: number): Promise<RegistrySchema> {
    let body: ConfluentSchemaResponse;
    try {
      body = await this.getJson<ConfluentSchemaResponse>(`/schemas/ids/${id}`);
    } catch (err) {
      if (err instanceof SchemaFetchError && err.reason === 'unknown-id') {
        throw new SchemaFetchError('unknown-id', `The schema registry at ${this.base} has no schema with id ${id}.`);
      }
      throw err;
    }
    const [references, name] = await Promise.all([this.resolveReferences(body.references ?? []), this.nameOf(id)]);
    return {
      ref: { registry: 'confluent', id },
      dataFormat: dataFormat(body.schemaType),
      definition: body.schema,
      ...(references.length > 0 ? { references } : {}),
      name,
    };
  }

  /** A subject's version (number or 'latest'). */
  subjectVersion(subject: string, version: number | 'latest'): Promise<ConfluentSubjectVersion> {
    return this.getJson<ConfluentSubjectVersion>(`/subjects/${encodeURIComponent(subject)}/versions/${version}`);
  }

  /** The schema of a subject version as a RegistrySchema (for producing). */
  async schemaForSubject(subject: string, version: number | 'latest'): Promise<RegistrySchema> {
    const v = await this.subjectVersion(subject, version);
    const references = await this.resolveReferences(v.references ?? []);
    return {
      ref: { registry: 'confluent', id: v.id },
      dataFormat: dataFormat(v.schemaType),
      definition: v.schema,
      ...(references.length > 0 ? { references } : {}),
      name: `${v.subject} v${v.version}`,
    };
  }

  /** References and their own references, depth first, each once. */
  private async resolveReferences(
    refs: SchemaReference[],
    seen = new Set<string>(),
  ): Promise<{ name: string; definition: string }[]> {
    const out: { name: string; definition: string }[] = [];
    for (const r of refs) {
      if (seen.has(r.name)) continue;
      seen.add(r.name);
      const v = await this.subjectVersion(r.subject, r.version);
      out.push(...(await this.resolveReferences(v.references ?? [], seen)));
      out.push({ name: r.name, definition: v.schema });
    }
    return out;
  }

  private async nameOf(id: number): Promise<string> {
    try {
      const versions = await this.getJson<{ subject: string; version: number }[]>(`/schemas/ids/${id}/versions`);
      const first = versions[0];
      if (first) return `${first.subject} v${first.version}`;
    } catch {
      // Older registries lack this call: the id names the schema.
    }
    return `id ${id}`;
  }
}
