/**
 * JSON Schema: the data is UTF-8 JSON; encoding validates it with ajv first (draft-07 by default,
 * 2019-09 / 2020-12 when the schema's $schema says so). `format` keywords are not enforced (the
 * official serializers differ on them).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import type { SchemaIssue } from '../types';

export interface JsonSchemaCodec {
  validate: ValidateFunction;
}

const options = { strict: false, allErrors: true, validateFormats: false } as const;

export function jsonSchemaCodec(definition: string): JsonSchemaCodec {
  const schema = JSON.parse(definition) as Record<string, unknown> | boolean;
  const declared = typeof schema === 'object' ? schema['$schema'] : undefined;
  const draft = typeof declared === 'string' ? declared : '';
  const ajv = draft.includes('2020-12')
    ? new Ajv2020(options)
    : draft.includes('2019-09')
      ? new Ajv2019(options)
      : new Ajv(options);
  // Draft-04/06 `$schema` URIs are not meta-schemas ajv knows: validate against the rules only.
  const body = typeof schema === 'object' && /draft-0[346]/.test(draft) ? { ...schema, $schema: undefined } : schema;
  return { validate: ajv.compile(body) };
}

export function decodeJsonSchemaPayload(data: Buffer): unknown {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  return JSON.parse(text) as unknown;
}

function pathOf(e: ErrorObject): string {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') parts.push(String((e.params as { missingProperty: string }).missingProperty));
  if (e.keyword === 'additionalProperties') {
    parts.push(String((e.params as { additionalProperty: string }).additionalProperty));
  }
  return `$${parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('')}`;
}

function messageOf(e: ErrorObject): string {
  if (e.keyword === 'required') return 'is required';
  if (e.keyword === 'additionalProperties') return 'is not allowed by the schema (additionalProperties)';
  return e.message ?? e.keyword;
}

export function validateJsonSchema(codec: JsonSchemaCodec, value: unknown): SchemaIssue[] {
  if (codec.validate(value)) return [];
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const e of codec.validate.errors ?? []) {
    const issue = { path: pathOf(e), message: messageOf(e) };
    const key = `${issue.path}\0${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

export function encodeJsonSchemaPayload(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
