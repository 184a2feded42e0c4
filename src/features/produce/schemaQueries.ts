/**
 * Questions about a cluster's schemas, from the producer-file language server and the producer
 * panel: names for picking a schema (one level at a time), and whether a key's or value's text
 * (templates rendered once) fits the schema named. No vscode import.
 */
import type { SchemaCheckResult, SchemaNamesResult } from '../../language/protocol';
import type { ClusterRef } from '../../services/clusterModel';
import { kafkaModule } from '../../services/lazyModules';
import type { SchemaBrowser } from '../../services/schemaBrowse';
import { presentError } from '../../shared/errorPresentation';
import { isSchemaSelection, parseSchemaSelection, type SchemaNamesQuery } from '../../shared/schemaSelection';
import { checkFieldText, writeOptions } from './schemaEncode';

export async function schemaNames(
  schemas: SchemaBrowser,
  cluster: ClusterRef,
  p: SchemaNamesQuery,
): Promise<SchemaNamesResult> {
  const access = schemas.for(cluster);
  try {
    if (p.registry === 'types') {
      const selection = parseSchemaSelection(p.schema);
      if (!isSchemaSelection(selection)) return { ok: false, error: selection.error };
      const { schema } = await access.resolve(selection);
      return { ok: true, names: kafkaModule().protobufMessageTypes(schema) };
    }
    if (p.registry === 'glue') {
      const glue = access.glueBrowse();
      if (!glue) return { ok: false, error: `${cluster.name} has no AWS Glue Schema Registry.` };
      if (!p.registryName) return { ok: true, names: (await glue.registries()).map((r) => r.name) };
      if (!p.schemaName) return { ok: true, names: await glue.schemaNames(p.registryName) };
      return { ok: true, names: (await glue.versions(p.registryName, p.schemaName)).map((v) => String(v.version)) };
    }
    const confluent = access.confluentBrowse();
    if (!confluent) return { ok: false, error: `No Confluent-compatible registry is configured for ${cluster.name}.` };
    if (!p.subject) return { ok: true, names: await confluent.subjects() };
    return { ok: true, names: (await confluent.versions(p.subject)).map(String) };
  } catch (err) {
    return { ok: false, error: presentError(err).text };
  }
}

export async function schemaCheck(
  schemas: SchemaBrowser,
  cluster: ClusterRef,
  p: { schema: string; text: string },
): Promise<SchemaCheckResult> {
  const selection = parseSchemaSelection(p.schema);
  if (!isSchemaSelection(selection)) return { ok: false, error: selection.error };
  try {
    const { schema } = await schemas.for(cluster).resolve(selection);
    const k = kafkaModule();
    // A sample of the text as it will be sent: templates rendered once.
    const [message] = await k.renderDrafts([{ key: null, value: p.text, headers: [] }], 1);
    const text = typeof message?.value === 'string' ? message.value : p.text;
    return {
      ok: true,
      schemaName: `${k.FORMAT_LABELS[schema.dataFormat]} · ${schema.name}`,
      issues: checkFieldText(k, text, { schema, ...writeOptions(selection) }),
    };
  } catch (err) {
    if (err instanceof Error && err.name === 'UnknownMessageTypeError') {
      return { ok: false, error: err.message, code: 'unknownMessageType' };
    }
    return { ok: false, error: presentError(err).text };
  }
}
