/**
 * Which registry schema a key or value is written with, as the producer panel picks it and as a
 * producer file's `Schema:` line spells it:
 *
 *   glue:<registry>/<schema>@latest    glue:<registry>/<schema>@3
 *   confluent:<subject>@latest         confluent:<subject>@3
 *
 * A missing `@…` means latest. Options may follow, separated by spaces:
 *   type=<package.Message>   Protobuf: the message type written (default: the first message of the file)
 *   compression=zlib         Glue: the payload zlib-compressed, as AWS's serializer writes it (byte 5)
 * Pure: no vscode, no I/O.
 */

export type SchemaVersionChoice = number | 'latest';

/** How a value is written with its schema (beyond which schema). */
export interface SchemaWriteOptions {
  /** Protobuf: the full name of the message type (`sandbox.orders.Order`). */
  messageType?: string;
  /** Glue only. */
  compression?: 'zlib';
}

export type SchemaSelection = SchemaWriteOptions &
  (
    | { registry: 'glue'; registryName: string; schemaName: string; version: SchemaVersionChoice }
    | { registry: 'confluent'; subject: string; version: SchemaVersionChoice }
  );

export const SCHEMA_LINE_SYNTAX =
  '`glue:<registry>/<schema>@latest` (or `@<version>`) or `confluent:<subject>@latest` (or `@<version>`)';

/** A Protobuf full name: identifiers separated by dots. */
const MESSAGE_TYPE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The options after the schema (`type=pkg.Msg compression=zlib`), or a sentence saying what is wrong. */
function parseOptions(words: string[], glue: boolean): SchemaWriteOptions | { error: string } {
  const out: SchemaWriteOptions = {};
  for (const w of words) {
    const eq = w.indexOf('=');
    const name = eq < 0 ? w : w.slice(0, eq).toLowerCase();
    const value = eq < 0 ? '' : w.slice(eq + 1);
    if (name === 'type') {
      if (!MESSAGE_TYPE.test(value.replace(/^\./, ''))) {
        return {
          error: `The message type after type= is a Protobuf full name such as \`package.Message\`, not “${value}”.`,
        };
      }
      out.messageType = value.replace(/^\./, '');
    } else if (name === 'compression') {
      if (value.toLowerCase() === 'none') continue;
      if (value.toLowerCase() !== 'zlib') return { error: `compression= is \`zlib\` or \`none\`, not “${value}”.` };
      if (!glue)
        return { error: 'The Confluent wire format has no compression: compression=zlib is for Glue schemas.' };
      out.compression = 'zlib';
    } else {
      return { error: `Unknown option “${w}” after the schema: \`type=<package.Message>\` or \`compression=zlib\`.` };
    }
  }
  return out;
}

/** Glue names: letters, digits, hyphen, underscore, dollar, number sign, period (Glue's pattern). */
const GLUE_NAME = /^[a-zA-Z0-9-_$#.]+$/;

/** The selection a text names, or a sentence saying what is wrong with it. */
export function parseSchemaSelection(text: string): SchemaSelection | { error: string } {
  const [t = '', ...words] = text.trim().split(/\s+/);
  const colon = t.indexOf(':');
  const kind = colon < 0 ? '' : t.slice(0, colon).toLowerCase();
  if (kind !== 'glue' && kind !== 'confluent') {
    return { error: `A schema is written ${SCHEMA_LINE_SYNTAX}.` };
  }
  const rest = t.slice(colon + 1);
  const at = rest.lastIndexOf('@');
  const name = at < 0 ? rest : rest.slice(0, at);
  const versionText = at < 0 ? 'latest' : rest.slice(at + 1);
  let version: SchemaVersionChoice;
  if (versionText.toLowerCase() === 'latest') version = 'latest';
  else if (/^[1-9]\d{0,9}$/.test(versionText)) version = Number(versionText);
  else return { error: `The version after @ is \`latest\` or a number from 1, not “${versionText}”.` };
  if (kind === 'glue') {
    const slash = name.indexOf('/');
    const registryName = slash < 0 ? '' : name.slice(0, slash);
    const schemaName = slash < 0 ? name : name.slice(slash + 1);
    if (!registryName || !schemaName) {
      return { error: 'A Glue schema is written `glue:<registry>/<schema>@latest` (or `@<version>`).' };
    }
    for (const n of [registryName, schemaName]) {
      if (!GLUE_NAME.test(n)) {
        return { error: `“${n}” is not a Glue name (letters, digits, - _ $ # . only).` };
      }
    }
    const options = parseOptions(words, true);
    if ('error' in options) return options;
    return { registry: 'glue', registryName, schemaName, version, ...options };
  }
  if (!name) return { error: 'A Confluent schema is written `confluent:<subject>@latest` (or `@<version>`).' };
  const options = parseOptions(words, false);
  if ('error' in options) return options;
  return { registry: 'confluent', subject: name, version, ...options };
}

export function isSchemaSelection(v: SchemaSelection | { error: string }): v is SchemaSelection {
  return !('error' in v);
}

/** The text form (`glue:payments/orders@latest`, with its options: `… type=pkg.Msg compression=zlib`). */
export function formatSchemaSelection(s: SchemaSelection): string {
  const ref = schemaRefText(s);
  return `${ref}${s.messageType ? ` type=${s.messageType}` : ''}${s.compression ? ` compression=${s.compression}` : ''}`;
}

/** Which schema, without the write options (`glue:payments/orders@latest`): the same registered schema. */
export function schemaRefText(s: SchemaSelection): string {
  return s.registry === 'glue'
    ? `glue:${s.registryName}/${s.schemaName}@${s.version}`
    : `confluent:${s.subject}@${s.version}`;
}

/** One level of names for picking a schema: Glue registries → schemas → versions; Confluent subjects → versions. */
export type SchemaNamesQuery =
  | { registry: 'glue'; registryName?: string; schemaName?: string }
  | { registry: 'confluent'; subject?: string }
  /** The message types a schema can write (Protobuf; none for other formats), the default first. */
  | { registry: 'types'; schema: string };

/** A query from another process or a webview, checked (undefined when malformed). */
export function parseSchemaNamesQuery(raw: unknown): SchemaNamesQuery | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const opt = (v: unknown) => v === undefined || (typeof v === 'string' && v.length > 0 && v.length <= 300);
  if (r.registry === 'glue' && opt(r.registryName) && opt(r.schemaName)) {
    return {
      registry: 'glue',
      ...(typeof r.registryName === 'string' ? { registryName: r.registryName } : {}),
      ...(typeof r.schemaName === 'string' ? { schemaName: r.schemaName } : {}),
    };
  }
  if (r.registry === 'types' && typeof r.schema === 'string' && r.schema.length <= 1000) {
    return isSchemaSelection(parseSchemaSelection(r.schema)) ? { registry: 'types', schema: r.schema } : undefined;
  }
  if (r.registry === 'confluent' && opt(r.subject)) {
    return { registry: 'confluent', ...(typeof r.subject === 'string' ? { subject: r.subject } : {}) };
  }
  return undefined;
}
