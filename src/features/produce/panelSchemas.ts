/**
 * The producer panel's schema side (host, no vscode import): which registries a cluster offers,
 * names for the pickers, the check as the user types, and the encoder of a send.
 */
import type { OutgoingMessage } from '../../kafka/produce/types';
import type { ClusterRef } from '../../services/clusterModel';
import { kafkaModule } from '../../services/lazyModules';
import type { SchemaBrowser } from '../../services/schemaBrowse';
import { UserError } from '../../shared/errors';
import {
  isSchemaSelection,
  parseSchemaSelection,
  type SchemaNamesQuery,
  type SchemaSelection,
} from '../../shared/schemaSelection';
import type { PanelDraft, ProducerInit, SchemaCheck } from '../../webviews/producer/protocol';
import { schemaEncoder, writeOptions } from './schemaEncode';
import { schemaCheck, schemaNames } from './schemaQueries';

export class PanelSchemas {
  constructor(
    private readonly schemas: SchemaBrowser | undefined,
    private readonly cluster: ClusterRef,
  ) {}

  /** What the pickers offer: Glue for MSK clusters, the configured Confluent registry. */
  registries(): ProducerInit['registries'] {
    if (!this.schemas) return null;
    const access = this.schemas.for(this.cluster);
    const glue = access.glueBrowse() !== undefined;
    const confluent = access.confluentBrowse()?.url ?? null;
    return glue || confluent ? { glue, confluent } : null;
  }

  async names(query: SchemaNamesQuery): Promise<{ names: string[] }> {
    if (!this.schemas) throw new UserError('Schema registries are not available.');
    const r = await schemaNames(this.schemas, this.cluster, query);
    if (!r.ok) throw new UserError(r.error);
    return { names: r.names };
  }

  async check(schema: string, text: string): Promise<SchemaCheck> {
    if (!this.schemas) throw new UserError('Schema registries are not available.');
    const r = await schemaCheck(this.schemas, this.cluster, { schema, text });
    if (!r.ok) throw new UserError(r.error);
    return { schemaName: r.schemaName, issues: r.issues };
  }

  /** The encoder of a draft with schemas (fetched now), or undefined when it has none. */
  async encoder(draft: PanelDraft): Promise<((m: OutgoingMessage, index: number) => OutgoingMessage) | undefined> {
    const selection = (text: string | undefined) => {
      if (!text) return undefined;
      const parsed = parseSchemaSelection(text);
      if (!isSchemaSelection(parsed)) throw new UserError(parsed.error);
      return parsed;
    };
    return encoderFor(this.schemas, this.cluster, {
      key: selection(draft.keySchema),
      value: selection(draft.valueSchema),
    });
  }
}

/**
 * The encoder of a send with schema selections for its key and/or value (the schemas fetched now: one
 * that cannot be fetched refuses the send), or undefined when it has none. The panel and producer files.
 */
export async function encoderFor(
  schemas: SchemaBrowser | undefined,
  cluster: ClusterRef,
  selections: { key?: SchemaSelection; value?: SchemaSelection },
): Promise<((m: OutgoingMessage, index: number) => OutgoingMessage) | undefined> {
  if (!selections.key && !selections.value) return undefined;
  if (!schemas) throw new UserError('Schema registries are not available in this window.');
  const access = schemas.for(cluster);
  const resolve = async (s: SchemaSelection | undefined) =>
    s ? { schema: (await access.resolve(s)).schema, ...writeOptions(s) } : undefined;
  const [key, value] = await Promise.all([resolve(selections.key), resolve(selections.value)]);
  return schemaEncoder(kafkaModule(), { ...(key ? { key } : {}), ...(value ? { value } : {}) });
}
