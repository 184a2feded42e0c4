/**
 * Tail panels: each one runs a TailSession (host side) and shows its buffer through a virtualized
 * table in a webview that asks for the rows in view. Closing a panel stops its consumer, deletes
 * its ephemeral group and frees the buffer. Several panels may run at once.
 */
import * as vscode from 'vscode';
import type { KafkaCluster } from '../../kafka/cluster';
import type { TailSession, TailStartPosition, TailState } from '../../kafka/tail';
import type { SchemaResolver, TailSchemaDecoder } from '../../kafka/schema';
import { Commands } from '../../contract/commands';
import type { ProduceToTopicArgs } from '../../contract/crossFeature';
import { executeCommand } from '../../ui/commands/registerCommand';
import type { ClusterRef } from '../../services/clusterModel';
import { kafkaModule } from '../../services/lazyModules';
import { presentError } from '../../shared/errorPresentation';
import { errorMessage, UserError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { PanelRegistry, WebviewPanelHost } from '../../ui/webviews/panelHost';
import type { ReadOnlyDocuments } from '../../ui/jsonDocuments';
import { readTailSettings } from '../../config/settings';
import {
  tailProtocol,
  type FilterNotice,
  type FilterResult,
  type MessageAction,
  type TailFilterState,
  type TailColumn,
  type TailFormatChoice,
  type TailPage,
  type TailProtocol,
} from '../../webviews/tail/protocol';
import { exportNdjson } from './tailPanelExport';
import { toRow } from './tailPanelRows';

export interface TailOpenRequest {
  cluster: ClusterRef;
  kafka: KafkaCluster;
  topic: string;
  start: TailStartPosition;
  partitions?: number[];
  bufferSize: number;
  /** Decodes keys/values written in a schema registry's wire format (the cluster's registries). */
  schemas?: SchemaResolver;
}

export interface TailPanelDeps {
  extensionUri: vscode.Uri;
  docs: ReadOnlyDocuments;
  log: Logger;
  /** Topic names for "Produce again" to another topic. */
  topics: (cluster: ClusterRef) => Promise<string[]>;
}

const STATUS_INTERVAL_MS = 200; // at most 5 status updates a second
/** Column widths as last resized in any tail panel (for the panels opened after). */
let rememberedWidths: number[] | undefined;
/** Buffers at least this large show the filter's progress. */
const PROGRESS_FROM = 5_000;

/** Checks the start position against the topic (throws a UserError when it cannot work); the notes to show. */
async function checkStart(req: TailOpenRequest): Promise<string[]> {
  const { partitionRanges, checkStartPosition } = kafkaModule();
  let ranges;
  try {
    ranges = await partitionRanges(await req.kafka.pool.getAdmin(req.kafka.spec), req.topic);
  } catch {
    return []; // the tail itself reports why the topic cannot be read
  }
  const check = checkStartPosition(req.topic, req.start, ranges, req.partitions);
  if (check.error) throw new UserError(check.error);
  return check.notes;
}

export function describeStart(start: TailStartPosition): string {
  switch (start.kind) {
    case 'newest':
      return 'newest (live)';
    case 'oldest':
      return 'oldest';
    case 'lastN':
      return `last ${start.n} per partition`;
    case 'timestamp':
      return `from ${new Date(start.timestamp).toISOString()}`;
    case 'offsets':
      return `from offsets ${start.offsets.map((o) => `${o.partition}:${o.offset}`).join(', ')}`;
  }
}

export class TailPanels implements vscode.Disposable {
  /** Several tails may run at once, even of one topic: the panels have no key. */
  private readonly open = new PanelRegistry<TailPanel>();

  constructor(private readonly deps: TailPanelDeps) {}

  async start(req: TailOpenRequest): Promise<void> {
    // Checked before a panel opens: a partition the topic lacks is refused, an odd offset explained.
    const notes = await checkStart(req);
    for (const note of notes) void vscode.window.showWarningMessage(`Tail of ${req.topic}: ${note}`);
    const panel = this.open.add(new TailPanel(req, this.deps, notes));
    await panel.start();
  }

  dispose(): void {
    this.open.dispose();
  }
}

class TailPanel implements vscode.Disposable {
  private readonly host: WebviewPanelHost<TailProtocol>;
  private session: TailSession | undefined;
  private readonly formats: Record<TailColumn, TailFormatChoice> = { key: 'auto', value: 'auto', headers: 'auto' };
  private dirty = true;
  private error: string | undefined;
  private readonly timer: NodeJS.Timeout;
  /** The filter in force, and what was last said about it (both shown again when the page is re-created). */
  private filterState: TailFilterState = { text: '', cel: '' };
  private filterNotice: FilterNotice | undefined;
  /** Cancels the filter being evaluated (a newer one is asked for, or the person cancels it). */
  private filterRun: AbortController | undefined;
  private schemaDecoder: TailSchemaDecoder | undefined;

  constructor(
    private readonly req: TailOpenRequest,
    private readonly deps: TailPanelDeps,
    private readonly startNotes: string[] = [],
  ) {
    this.host = new WebviewPanelHost({
      extensionUri: deps.extensionUri,
      viewType: 'msk.tail',
      title: `Tail: ${req.topic}`,
      bundle: 'tail',
      styles: ['tail.css'],
      body: '<main id="root"></main>',
      protocol: tailProtocol,
      log: deps.log,
      handlers: {
        ready: () => {
          if (this.session) this.postInit();
          this.dirty = true;
        },
        control: ({ action }) => this.control(action),
        cancelFilter: () => this.filterRun?.abort('cancelled'),
        format: ({ column, format }) => {
          this.formats[column] = format;
          this.dirty = true;
        },
        message: ({ action, seq }) => this.messageAction(action, seq),
        export: ({ scope }) => this.export(scope),
        columns: ({ widths }) => {
          rememberedWidths = widths;
        },
        rows: ({ start, count }) => this.rows(start, count),
        filter: ({ text, cel }) => this.filter(text, cel),
        detail: ({ seq }) => ({ json: JSON.stringify(this.messageJson(seq).json, null, 2) }),
      },
      onCommandError: (err) => {
        const shown = presentError(err);
        deps.log.error(`tail of ${req.topic}: ${shown.logText}`);
        void vscode.window.showErrorMessage(shown.text);
      },
    });
    this.host.onDidClose(() => this.closed());
    this.timer = setInterval(() => this.flushStatus(), STATUS_INTERVAL_MS);
    this.host.own(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('msk.tail.timeZone') && this.session) this.postInit();
      }),
    );
  }

  onDidClose(listener: () => void): void {
    this.host.onDidClose(listener);
  }

  async start(): Promise<void> {
    const { TailSession, TailSchemaDecoder } = kafkaModule();
    const decoder = this.req.schemas ? new TailSchemaDecoder(this.req.schemas, () => this.schemaResolved()) : undefined;
    this.schemaDecoder = decoder;
    try {
      this.session = await TailSession.start({
        pool: this.req.kafka.pool,
        spec: this.req.kafka.spec,
        topic: this.req.topic,
        start: this.req.start,
        partitions: this.req.partitions,
        bufferSize: this.req.bufferSize,
        onRecords: () => (this.dirty = true),
        ...(decoder ? { beforeBuffer: (records: readonly object[]) => decoder.observe(records) } : {}),
        onState: (state, error) => this.onState(state, error),
        onWarning: (m) => this.deps.log.warn(`tail: ${m}`),
        onNotice: (m) => {
          this.deps.log.info(`tail: ${m}`);
          void vscode.window.showInformationMessage(m);
          this.dirty = true;
        },
      });
    } catch (err) {
      this.error = presentError(err).text;
      this.dirty = true;
      this.flushStatus();
      throw err;
    }
    if (!this.host.isAlive) {
      await this.session.stop();
      return;
    }
    this.deps.log.info(`tail: ${this.req.topic} on ${this.req.cluster.name} started`);
    this.postInit();
    this.dirty = true;
  }

  private onState(state: TailState, error?: Error): void {
    if (error) {
      this.error = presentError(error).text;
      void vscode.window.showErrorMessage(`Tail of ${this.req.topic} stopped: ${this.error}`);
    }
    this.deps.log.info(`tail: ${this.req.topic} is ${state}`);
    this.dirty = true;
  }

  private postInit(): void {
    this.host.notify('init', {
      topic: this.req.topic,
      cluster: this.req.cluster.name,
      partitions: this.session?.partitions ?? [],
      start: describeStart(this.req.start),
      startNotes: this.startNotes,
      filter: this.filterState,
      filterNotice: this.filterNotice,
      formats: { ...this.formats },
      timeZone: readTailSettings().timeZone,
      columnWidths: rememberedWidths,
    });
  }

  private flushStatus(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const s = this.session?.stats();
    this.host.notify('status', {
      state: this.error ? 'failed' : (s?.state ?? 'starting'),
      received: s?.received ?? 0,
      rate: s?.rate ?? 0,
      buffered: s?.buffered ?? 0,
      capacity: s?.capacity ?? this.req.bufferSize,
      matching: s?.matching ?? 0,
      origin: this.session?.buffer.at(0)?.seq ?? -1,
      error: this.error,
      revision: this.schemaDecoder?.revision ?? 0,
    });
    // The rate decays without new messages: keep refreshing while running.
    if (s && s.rate > 0) this.dirty = true;
  }

  /** A schema fetch ended: rows may now decode, and a filter in force runs again over decoded values. */
  private schemaResolved(): void {
    this.dirty = true;
    const { text, cel } = this.filterState;
    if (this.session && (text || cel)) {
      void this.filter(text, cel).catch((err: unknown) => this.deps.log.warn(`tail: filter: ${errorMessage(err)}`));
    }
  }

  private async control(action: 'pause' | 'resume' | 'stop' | 'clear'): Promise<void> {
    const session = this.session;
    if (!session) return;
    if (action === 'pause') session.pause();
    else if (action === 'resume') session.resume();
    else if (action === 'clear') session.buffer.clear();
    else await session.stop();
    this.dirty = true;
  }

  private rows(start: number, count: number): TailPage {
    const session = this.session;
    if (!session) return { total: 0, rows: [] };
    const records = session.buffer.slice(start, count);
    return { total: session.buffer.viewSize, rows: records.map((r, i) => toRow(start + i, r, this.formats)) };
  }

  /** A refused filter leaves none in force, visibly: every message is shown and the notice says why. */
  private refuseFilter(session: TailSession, notice: FilterNotice): FilterResult {
    session.buffer.applyFilter(undefined, []);
    this.filterState = { text: '', cel: '' };
    this.filterNotice = notice;
    return { outcome: 'refused', matching: session.buffer.viewSize, filter: this.filterState, notice };
  }

  /**
   * Applies a filter: checked first (a refused expression leaves NO filter in force, and says so),
   * then evaluated over the buffer in slices with progress; a newer request cancels this one.
   */
  private async filter(text: string, cel: string): Promise<FilterResult> {
    const session = this.session;
    if (!session) throw new UserError('The tail has not started yet: filter once messages arrive.');
    this.filterRun?.abort();
    const run = new AbortController();
    this.filterRun = run;
    const { compileFilter, describeTally, applyFilterInSlices } = kafkaModule();
    const compiled = compileFilter({ text, cel });
    if (!compiled.ok) {
      this.dirty = true;
      return this.refuseFilter(session, { kind: 'error', ...compiled.error });
    }
    const result = await applyFilterInSlices(session.buffer, compiled.predicate, {
      signal: run.signal,
      onProgress: (done, total) => {
        if (total >= PROGRESS_FROM) this.host.notify('filterProgress', { done, total });
      },
    });
    if (result.outcome === 'cancelled') {
      if (run.signal.reason !== 'cancelled') return { outcome: 'superseded' };
      if (this.filterRun === run) this.filterRun = undefined;
      return { outcome: 'cancelled', matching: session.buffer.viewSize, filter: this.filterState };
    }
    if (this.filterRun === run) this.filterRun = undefined;
    this.dirty = true;
    if (result.outcome === 'overBudget') {
      return this.refuseFilter(session, {
        kind: 'error',
        message: `The filter was stopped after ${result.done.toLocaleString('en-US')} of ${result.total.toLocaleString('en-US')} messages: it is too costly. No filter is applied.`,
      });
    }
    this.filterState = { text: text.trim(), cel: cel.trim() };
    const tally = describeTally(compiled.tally);
    this.filterNotice = tally ? { kind: 'warning', ...tally } : undefined;
    return { outcome: 'applied', matching: result.matching, filter: this.filterState, notice: this.filterNotice };
  }

  private async export(scope: 'all' | 'filtered'): Promise<void> {
    const session = this.session;
    if (!session) return;
    const records = scope === 'filtered' ? [...session.buffer.view()] : [...session.buffer.all()];
    const n = await exportNdjson(this.req.topic, records);
    if (n !== undefined) void vscode.window.showInformationMessage(`Exported ${n} messages of ${this.req.topic}.`);
  }

  /** A message in the buffer and its JSON form; a UserError once it has left the buffer. */
  private messageJson(seq: number) {
    const record = this.session?.buffer.bySeq(seq);
    if (!record) throw new UserError('That message is no longer in the buffer.');
    return { record, json: kafkaModule().recordToJson(this.req.topic, record) };
  }

  private async messageAction(action: MessageAction, seq: number): Promise<void> {
    if (!this.session?.buffer.bySeq(seq)) {
      void vscode.window.showWarningMessage('That message is no longer in the buffer.');
      return;
    }
    const { record, json } = this.messageJson(seq);
    switch (action) {
      case 'open':
        await this.deps.docs.showJson(`${this.req.topic}-p${record.partition}-o${record.offset}`, json);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(JSON.stringify(json, null, 2));
        void vscode.window.setStatusBarMessage('Message copied as JSON', 3000);
        return;
      case 'produceAgain': {
        const topic = await this.pickTargetTopic();
        if (!topic) return;
        // Binary (or template-looking) fields travel as base64 (encoding 'base64'): the same bytes are sent.
        const args: ProduceToTopicArgs = {
          kind: 'produceToTopic',
          cluster: this.req.cluster,
          topic,
          draft: kafkaModule().recordToDraft(record, topic === this.req.topic),
        };
        await executeCommand(Commands.produceToTopic, args);
        return;
      }
    }
  }

  private async pickTargetTopic(): Promise<string | undefined> {
    const same = { label: this.req.topic, description: 'this topic' };
    const others = await this.deps.topics(this.req.cluster).catch(() => [] as string[]);
    const picked = await vscode.window.showQuickPick(
      [same, ...others.filter((t) => t !== this.req.topic).map((t) => ({ label: t, description: '' }))],
      { title: 'Produce again to…', placeHolder: 'Topic' },
    );
    return picked?.label;
  }

  dispose(): void {
    this.host.dispose();
  }

  /** The panel closed: stop the consumer (its group is deleted) and free the buffer. */
  private closed(): void {
    clearInterval(this.timer);
    const session = this.session;
    if (session) {
      const stopping = session.stop(); // no more records are taken from here on
      session.buffer.clear();
      void stopping.then(
        () => this.deps.log.info(`tail: ${this.req.topic} stopped`),
        (err: unknown) => this.deps.log.warn(`tail: stopping ${this.req.topic} failed: ${errorMessage(err)}`),
      );
    }
  }
}
