/**
 * The language server's state and handlers, independent of the transport (unit-tested directly):
 * parses on change, caches topic names per cluster, keeps the last send's status per block.
 */
import {
  DiagnosticSeverity,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type Hover,
  type Position,
} from 'vscode-languageserver';
import { parseProducerLines, splitLines } from '../producerFile/parse';
import type { ProducerFile } from '../producerFile/types';
import {
  ACTIVE_CLUSTER_NOTIFICATION,
  SEND_STATUS_NOTIFICATION,
  type ActiveClusterParams,
  type SchemaCheckParams,
  type SchemaCheckResult,
  type SchemaNamesParams,
  type SchemaNamesResult,
  type SendStatusParams,
  type TopicsParams,
  type TopicsResult,
} from '../protocol';
import { computeCodeLenses, type BlockStatus } from './codeLens';
import { computeCompletions } from './completion';
import { computeDiagnostics, type TopicKnowledge } from './diagnostics';
import { computeHover } from './hover';
import { schemaCompletions, schemaLinePrefix } from './schemaCompletion';
import { schemaDiagnostics } from './schemaDiagnostics';

export interface ServerHost {
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void;
  requestTopics(params: TopicsParams): Promise<TopicsResult>;
  refreshCodeLenses(): void;
  getText(uri: string): string | undefined;
  /** Names for completing a `Schema:` line (absent: no schema completion). */
  requestSchemaNames?(params: SchemaNamesParams): Promise<SchemaNamesResult>;
  /** Checks a value against the schema its block names (absent: no schema diagnostics). */
  requestSchemaCheck?(params: SchemaCheckParams): Promise<SchemaCheckResult>;
}

const TOPICS_TTL_MS = 30_000;
/** A failed topic listing is asked again after this long (not on every keystroke). */
const FAILED_TOPICS_TTL_MS = 5_000;

export class ProducerFileServer {
  private readonly clusters = new Map<string, ActiveClusterParams['cluster']>();
  private readonly topicCache = new Map<string, { until: number; result: Promise<TopicsResult> }>();
  private readonly statuses = new Map<string, Map<number, BlockStatus>>();
  private readonly parsed = new Map<string, { text: string; file: ProducerFile; lines: string[] }>();
  /** The last diagnostics published per file. */
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  /** The last schema verdicts per file (shown again while new ones are asked for). */
  private readonly schemaDiagnostics = new Map<string, Diagnostic[]>();

  constructor(private readonly host: ServerHost) {}

  listen(connection: Pick<Connection, 'onNotification'>): void {
    connection.onNotification(ACTIVE_CLUSTER_NOTIFICATION, (p: ActiveClusterParams) => this.setCluster(p));
    connection.onNotification(SEND_STATUS_NOTIFICATION, (p: SendStatusParams) => this.setStatus(p));
  }

  setCluster(p: ActiveClusterParams): void {
    this.clusters.set(p.uri, p.cluster);
    void this.validate(p.uri);
  }

  setStatus(p: SendStatusParams): void {
    let m = this.statuses.get(p.uri);
    if (!m) this.statuses.set(p.uri, (m = new Map<number, BlockStatus>()));
    if (p.block < 0) m.clear();
    else m.set(p.block, { text: p.text, tooltip: p.tooltip });
    this.host.refreshCodeLenses();
  }

  closed(uri: string): void {
    this.parsed.delete(uri);
    this.statuses.delete(uri);
    this.diagnostics.delete(uri);
    this.schemaDiagnostics.delete(uri);
  }

  private doc(uri: string): { file: ProducerFile; lines: string[] } | undefined {
    const text = this.host.getText(uri);
    if (text === undefined) return undefined;
    const cached = this.parsed.get(uri);
    if (cached && cached.text === text) return cached;
    const lines = splitLines(text);
    const entry = { text, file: parseProducerLines(lines), lines };
    this.parsed.set(uri, entry);
    return entry;
  }

  private async topics(uri: string): Promise<TopicsResult | undefined> {
    const cluster = this.clusters.get(uri);
    if (!cluster) return undefined;
    const cached = this.topicCache.get(cluster.key);
    if (cached && Date.now() < cached.until) return cached.result;
    const result = this.host
      .requestTopics({ uri })
      .catch((err: unknown): TopicsResult => ({ ok: false, error: err instanceof Error ? err.message : String(err) }));
    const entry = { until: Date.now() + TOPICS_TTL_MS, result };
    this.topicCache.set(cluster.key, entry);
    const r = await result;
    if (!r.ok) entry.until = Date.now() + FAILED_TOPICS_TTL_MS;
    return r;
  }

  async validate(uri: string): Promise<Diagnostic[]> {
    const d = this.doc(uri);
    if (!d) return [];
    const t = await this.topics(uri);
    const knowledge: TopicKnowledge | undefined = t?.ok
      ? { cluster: t.cluster, topics: new Set(t.topics), partitions: new Map(Object.entries(t.partitions ?? {})) }
      : undefined;
    const diagnostics = computeDiagnostics(d.file, d.lines, knowledge);
    const check = this.host.requestSchemaCheck?.bind(this.host);
    const withSchemas = d.file.blocks.some((b) => b.schema || b.keySchema);
    if (!check || !withSchemas || !this.clusters.get(uri)) {
      this.schemaDiagnostics.delete(uri);
      return this.publish(uri, diagnostics);
    }
    // The registry may be slow: the file's own problems show now (with the last schema verdicts),
    // the fresh schema verdicts when they come, unless the text changed meanwhile.
    this.publish(uri, [...diagnostics, ...(this.schemaDiagnostics.get(uri) ?? [])]);
    const text = this.host.getText(uri);
    const schema = await schemaDiagnostics(uri, d.file.blocks, d.lines, check);
    if (this.host.getText(uri) !== text) return this.diagnostics.get(uri) ?? diagnostics;
    this.schemaDiagnostics.set(uri, schema);
    return this.publish(uri, [...diagnostics, ...schema]);
  }

  private publish(uri: string, diagnostics: Diagnostic[]): Diagnostic[] {
    const before = this.diagnostics.get(uri);
    this.diagnostics.set(uri, diagnostics);
    this.host.publishDiagnostics(uri, diagnostics);
    // "Produce all" counts only blocks without errors: its lens follows the diagnostics.
    if (JSON.stringify(before) !== JSON.stringify(diagnostics)) this.host.refreshCodeLenses();
    return diagnostics;
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const d = this.doc(uri);
    if (!d) return [];
    const line = d.lines[position.line] ?? '';
    const before = line.slice(0, position.character);
    const names = this.host.requestSchemaNames?.bind(this.host);
    if (schemaLinePrefix(before)) {
      if (!names || !this.clusters.get(uri)) return [];
      return schemaCompletions(uri, before, position, (p) =>
        names(p).catch((err: unknown): SchemaNamesResult => ({ ok: false, error: String(err) })),
      );
    }
    const needsTopics = /^\s*PRODUCE\s+\S*$/i.test(line.slice(0, position.character));
    const t = needsTopics ? await this.topics(uri) : undefined;
    return computeCompletions(d.file, d.lines, position, t?.ok ? t.topics : undefined);
  }

  hover(uri: string, position: Position): Hover | null {
    const d = this.doc(uri);
    return (d && computeHover(d.lines, position)) ?? null;
  }

  codeLenses(uri: string): CodeLens[] {
    const d = this.doc(uri);
    if (!d) return [];
    const errorLines = (this.diagnostics.get(uri) ?? [])
      .filter((x) => x.severity === DiagnosticSeverity.Error)
      .map((x) => x.range.start.line);
    // Parse problems count even before the first validation has published.
    for (const b of d.file.blocks) for (const p of b.problems) errorLines.push(p.span.line);
    const withErrors = new Set(
      d.file.blocks.filter((b) => errorLines.some((l) => l >= b.startLine && l <= b.endLine)).map((b) => b.index),
    );
    return computeCodeLenses(d.file, uri, this.statuses.get(uri) ?? new Map<number, BlockStatus>(), withErrors);
  }
}
