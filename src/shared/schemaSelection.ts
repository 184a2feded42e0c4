/**
 * Which registry schema a key or value is written with, as the producer panel picks it and as a
 * producer file's `Schema:` line spells it:
 *
 *   glue:<registry>/<schema>@latest    glue:<registry>/<schema>@3
 *   confluent:<subject>@latest         confluent:<subject>@3
 *
 * A missing `@…` means latest. Pure: no vscode, no I/O.
 */

export type SchemaVersionChoice = number | 'latest';

export type SchemaSelection =
  | { registry: 'glue'; registryName: string; schemaName: string; version: SchemaVersionChoice }
  | { registry: 'confluent'; subject: string; version: SchemaVersionChoice };

export const SCHEMA_LINE_SYNTAX =
  '`glue:<registry>/<schema>@latest` (or `@<version>`) or `confluent:<subject>@latest` (or `@<version>`)';

/** Glue names: letters, digits, hyphen, underscore, dollar, number sign, period (Glue's pattern). */
const GLUE_NAME = /^[a-zA-Z0-9-_$#.]+$/;

/** The selection a text names, or a sentence saying what is wrong with it. */
export function parseSchemaSelection(text: string): SchemaSelection | { error: string } {
  const t = text.trim();
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
    return { registry: 'glue', registryName, schemaName, version };
  }
  if (!name) return { error: 'A Confluent schema is written `confluent:<subject>@latest` (or `@<version>`).' };
  return { registry: 'confluent', subject: name, version };
}

export function isSchemaSelection(v: SchemaSelection | { error: string }): v is SchemaSelection {
  return !('error' in v);
}

/** The text form (`glue:payments/orders@latest`). */
export function formatSchemaSelection(s: SchemaSelection): string {
  return s.registry === 'glue'
    ? `glue:${s.registryName}/${s.schemaName}@${s.version}`
    : `confluent:${s.subject}@${s.version}`;
}

/** One level of names for picking a schema: Glue registries → schemas → versions; Confluent subjects → versions. */
export type SchemaNamesQuery =
  { registry: 'glue'; registryName?: string; schemaName?: string } | { registry: 'confluent'; subject?: string };

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
  if (r.registry === 'confluent' && opt(r.subject)) {
    return { registry: 'confluent', ...(typeof r.subject === 'string' ? { subject: r.subject } : {}) };
  }
  return undefined;
}
