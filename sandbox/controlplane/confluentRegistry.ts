/**
 * A Confluent-compatible Schema Registry REST API served by the control plane under
 * `/confluent` (e.g. http://127.0.0.1:4599/confluent), with HTTP basic auth (user `sandbox`,
 * password in sandbox.json `schemaRegistry.confluent`). Answers what clients and serializers use:
 * subjects → versions (number, `latest`, `-1`), schemas by id (+ /schema, /versions, /subjects),
 * register and look up by definition (with references), schema types, compatibility config and
 * the compatibility check. Errors are Confluent's `{error_code, message}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compatibilityError, definitionError } from './glueCompat';
import {
  CONFLUENT_PATH,
  CONFLUENT_USERNAME,
  confluentBearerToken,
  confluentPassword,
  confluentStore,
  type ConfluentSchemaType,
  type ConfluentStore,
  type SchemaReference,
  type StoredConfluentSchema,
} from './confluentRegistryStore';
import type { SandboxView } from './view';
import { readBody, type RequestOutcome } from './httpBody';

export const CONFLUENT_PREFIX = CONFLUENT_PATH;
const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const TYPES: readonly ConfluentSchemaType[] = ['AVRO', 'PROTOBUF', 'JSON'];
const LEVELS = ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE'];

class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

const subjectNotFound = (s: string): RegistryError => new RegistryError(404, 40401, `Subject '${s}' not found.`);
const versionNotFound = (v: string): RegistryError => new RegistryError(404, 40402, `Version ${v} not found.`);
const schemaNotFound = (): RegistryError => new RegistryError(404, 40403, 'Schema not found');
const invalidSchema = (m: string): RegistryError => new RegistryError(422, 42201, `Invalid schema: ${m}`);
const badRequest = (m: string): RegistryError => new RegistryError(422, 42202, m);

export interface ConfluentRequest {
  /** Path after the /confluent prefix, still percent-encoded ("" or "/..."). */
  rawPath: string;
  rawQuery: string;
  getView(): SandboxView;
}

export type ConfluentOutcome = RequestOutcome;

function reply(res: ServerResponse, status: number, body: unknown, raw = false): void {
  const text = raw && typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': CONTENT_TYPE, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function authorized(req: IncomingMessage, view: SandboxView): boolean {
  const h = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(h);
  if (bearer?.[1]) return bearer[1] === confluentBearerToken(view.state);
  const m = /^Basic\s+(\S+)$/i.exec(h);
  if (!m?.[1]) return false;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  return decoded === `${CONFLUENT_USERNAME}:${confluentPassword(view.state)}`;
}

function versionOf(store: ConfluentStore, subject: string, raw: string): { version: number; id: number } {
  const s = store.subject(subject);
  if (!s) throw subjectNotFound(subject);
  if (raw === 'latest' || raw === '-1') {
    const last = s.versions.at(-1);
    if (!last) throw versionNotFound(raw);
    return last;
  }
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 2 ** 31 - 1) {
    throw new RegistryError(
      422,
      42202,
      `The specified version '${raw}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
    );
  }
  const v = s.versions.find((x) => x.version === Number(raw));
  if (!v) throw versionNotFound(raw);
  return v;
}

function schemaJson(s: StoredConfluentSchema): Record<string, unknown> {
  return {
    ...(s.schemaType !== 'AVRO' ? { schemaType: s.schemaType } : {}),
    schema: s.schema,
    ...(s.references.length ? { references: s.references } : {}),
  };
}

function parseRegistration(
  store: ConfluentStore,
  body: Buffer,
): {
  schemaType: ConfluentSchemaType;
  schema: string;
  references: SchemaReference[];
} {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryError(400, 400, 'The request body is not valid JSON.');
  }
  const b = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  if (typeof b.schema !== 'string' || !b.schema) throw invalidSchema('the request needs a "schema" string');
  const schemaType = (b.schemaType ?? 'AVRO') as ConfluentSchemaType;
  if (!TYPES.includes(schemaType)) throw badRequest(`Unknown schema type ${String(b.schemaType)}`);
  const refsRaw = b.references ?? [];
  if (!Array.isArray(refsRaw)) throw invalidSchema('"references" must be a list');
  const references = refsRaw.map((r: unknown, i): SchemaReference => {
    const x = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
    if (typeof x.name !== 'string' || typeof x.subject !== 'string' || typeof x.version !== 'number') {
      throw invalidSchema(`references[${i}] needs name, subject and version`);
    }
    const v = versionOf(store, x.subject, String(x.version));
    return { name: x.name, subject: x.subject, version: v.version };
  });
  return { schemaType, schema: b.schema, references };
}

function levelOf(store: ConfluentStore, subject: string): string {
  return store.subject(subject)?.compatibility ?? store.compatibility;
}

/** Why `schema` may not be the subject's next version (undefined: it may). References skip the check. */
function incompatibility(
  store: ConfluentStore,
  subject: string,
  reg: { schemaType: ConfluentSchemaType; schema: string; references: SchemaReference[] },
  against?: { version: number; id: number },
): string | undefined {
  const s = store.subject(subject);
  if (!s || reg.references.length) return undefined;
  const level = levelOf(store, subject);
  if (level === 'NONE') return undefined;
  const previous = (against ? [against] : s.versions)
    .map((v) => ({ number: v.version, schema: store.byId(v.id) }))
    .filter((p) => p.schema && p.schema.schemaType === reg.schemaType && p.schema.references.length === 0)
    .map((p) => ({ number: p.number, definition: p.schema?.schema ?? '' }));
  const glueMode = level.replace('_TRANSITIVE', '_ALL') as Parameters<typeof compatibilityError>[1];
  return compatibilityError(reg.schemaType, glueMode, reg.schema, previous);
}

async function route(
  req: IncomingMessage,
  r: ConfluentRequest,
  view: SandboxView,
): Promise<{ op: string; status: number; body: unknown; raw?: boolean }> {
  const store = confluentStore(view.state);
  const method = req.method ?? 'GET';
  let parts: string[];
  try {
    parts = r.rawPath
      .split('/')
      .filter((p) => p !== '')
      .map((p) => decodeURIComponent(p));
  } catch {
    throw new RegistryError(400, 400, 'The request path contains a malformed percent-encoding.');
  }
  const [a, b, c, d, e] = parts;
  const n = parts.length;
  const body =
    method === 'POST' || method === 'PUT'
      ? await readBody(req, () => new RegistryError(413, 41301, 'Request body too large.'))
      : Buffer.alloc(0);

  if (method === 'GET' && n === 0) return { op: 'Root', status: 200, body: {} };
  if (method === 'GET' && a === 'schemas' && b === 'types' && n === 2)
    return { op: 'SchemaTypes', status: 200, body: TYPES };
  if (method === 'GET' && a === 'subjects' && n === 1)
    return { op: 'ListSubjects', status: 200, body: store.subjects() };
  if (a === 'schemas' && b === 'ids' && c !== undefined && method === 'GET') {
    if (!/^\d+$/.test(c)) throw schemaNotFound();
    const s = store.byId(Number(c));
    if (!s) throw schemaNotFound();
    if (n === 3) return { op: 'GetSchemaById', status: 200, body: schemaJson(s) };
    if (n === 4 && d === 'schema') return { op: 'GetSchemaTextById', status: 200, body: s.schema, raw: true };
    if (n === 4 && d === 'versions') return { op: 'GetSchemaVersionsById', status: 200, body: store.usages(s.id) };
    if (n === 4 && d === 'subjects') {
      return { op: 'GetSchemaSubjectsById', status: 200, body: [...new Set(store.usages(s.id).map((u) => u.subject))] };
    }
  }
  if (a === 'subjects' && b !== undefined) {
    if (method === 'GET' && n === 3 && c === 'versions') {
      const s = store.subject(b);
      if (!s) throw subjectNotFound(b);
      return { op: 'ListVersions', status: 200, body: s.versions.map((v) => v.version) };
    }
    if (method === 'GET' && c === 'versions' && d !== undefined && (n === 4 || n === 5)) {
      const v = versionOf(store, b, d);
      const s = store.byId(v.id);
      if (!s) throw schemaNotFound();
      if (n === 4)
        return { op: 'GetVersion', status: 200, body: { subject: b, version: v.version, id: v.id, ...schemaJson(s) } };
      if (e === 'schema') return { op: 'GetVersionSchema', status: 200, body: s.schema, raw: true };
      if (e === 'referencedby') {
        const ids = new Set<number>();
        for (const subject of store.subjects()) {
          for (const sv of store.subject(subject)?.versions ?? []) {
            const x = store.byId(sv.id);
            if (x?.references.some((ref) => ref.subject === b && ref.version === v.version)) ids.add(x.id);
          }
        }
        return { op: 'ReferencedBy', status: 200, body: [...ids] };
      }
    }
    if (method === 'DELETE' && n === 2) {
      if (!store.subject(b)) throw subjectNotFound(b);
      return { op: 'DeleteSubject', status: 200, body: store.deleteSubject(b) };
    }
    if (method === 'POST' && n === 3 && c === 'versions') {
      const reg = parseRegistration(store, body);
      const existing = store.find(reg.schemaType, reg.schema, reg.references);
      const already = existing && store.subject(b)?.versions.find((v) => v.id === existing.id);
      if (already) return { op: 'Register', status: 200, body: { id: already.id } };
      const invalid = reg.references.length === 0 ? definitionError(reg.schemaType, reg.schema) : undefined;
      if (invalid) throw invalidSchema(invalid);
      const why = incompatibility(store, b, reg);
      if (why) {
        throw new RegistryError(
          409,
          409,
          `Schema being registered is incompatible with an earlier schema for subject "${b}", details: ${why}`,
        );
      }
      return { op: 'Register', status: 200, body: { id: store.add(b, reg.schemaType, reg.schema, reg.references).id } };
    }
    if (method === 'POST' && n === 2) {
      if (!store.subject(b)) throw subjectNotFound(b);
      const reg = parseRegistration(store, body);
      const found = store.find(reg.schemaType, reg.schema, reg.references);
      const v = found && store.subject(b)?.versions.find((x) => x.id === found.id);
      if (!found || !v) throw schemaNotFound();
      return { op: 'LookUp', status: 200, body: { subject: b, version: v.version, id: v.id, ...schemaJson(found) } };
    }
  }
  if (a === 'config') {
    if (method === 'GET' && n === 1)
      return { op: 'GetConfig', status: 200, body: { compatibilityLevel: store.compatibility } };
    if (method === 'GET' && n === 2 && b !== undefined) {
      if (!store.subject(b)) throw subjectNotFound(b);
      return { op: 'GetSubjectConfig', status: 200, body: { compatibilityLevel: levelOf(store, b) } };
    }
    if (method === 'PUT' && (n === 1 || n === 2)) {
      let level: unknown;
      try {
        level = (JSON.parse(body.toString('utf8')) as { compatibility?: unknown }).compatibility;
      } catch {
        level = undefined;
      }
      if (typeof level !== 'string' || !LEVELS.includes(level)) {
        throw new RegistryError(422, 42203, `Invalid compatibility level. Valid values are ${LEVELS.join(', ')}`);
      }
      if (n === 1) store.compatibility = level;
      else store.setSubjectCompatibility(b ?? '', level);
      return { op: 'PutConfig', status: 200, body: { compatibility: level } };
    }
  }
  if (
    a === 'compatibility' &&
    b === 'subjects' &&
    c !== undefined &&
    d === 'versions' &&
    e !== undefined &&
    n === 5 &&
    method === 'POST'
  ) {
    const reg = parseRegistration(store, body);
    const why = store.subject(c)
      ? incompatibility(store, c, reg, e === 'latest' ? undefined : versionOf(store, c, e))
      : undefined;
    return {
      op: 'CheckCompatibility',
      status: 200,
      body: why ? { is_compatible: false, messages: [why] } : { is_compatible: true },
    };
  }
  throw new RegistryError(
    404,
    404,
    `HTTP 404 Not Found: the sandbox registry does not serve ${method} ${CONFLUENT_PREFIX}${r.rawPath}`,
  );
}

export async function handleConfluent(
  req: IncomingMessage,
  res: ServerResponse,
  r: ConfluentRequest,
): Promise<ConfluentOutcome> {
  let view: SandboxView;
  try {
    view = r.getView();
  } catch (err) {
    reply(res, 500, { error_code: 50001, message: `The sandbox description could not be read: ${String(err)}` });
    return { status: 500, op: 'confluent', error: '50001' };
  }
  if (!authorized(req, view)) {
    res.setHeader('www-authenticate', 'Basic realm="msk-sandbox schema registry"');
    reply(res, 401, {
      error_code: 40101,
      message:
        'Unauthorized: give the username and password (or the bearer token) from .sandbox/sandbox.json (schemaRegistry.confluent).',
    });
    return { status: 401, op: 'confluent', error: '40101' };
  }
  try {
    const out = await route(req, r, view);
    reply(res, out.status, out.body, out.raw);
    return { status: out.status, op: `confluent.${out.op}`, principal: CONFLUENT_USERNAME };
  } catch (err) {
    const e =
      err instanceof RegistryError
        ? err
        : new RegistryError(500, 50001, err instanceof Error ? err.message : String(err));
    reply(res, e.status, { error_code: e.errorCode, message: e.message });
    return { status: e.status, op: 'confluent', principal: CONFLUENT_USERNAME, error: String(e.errorCode) };
  }
}
