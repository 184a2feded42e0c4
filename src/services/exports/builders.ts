/**
 * The export files' text: CSV (RFC 4180, formula-safe: src/shared/csv.ts) and pretty-printed JSON
 * with a small header (cluster, source, time). Pure functions: unit-tested without a cluster.
 */
import { csvText, type CsvValue } from '../../shared/csv';
import type { ExportFormat, ExportHeader, GroupExport, GroupLagExport, TopicExport } from './model';

/** Several values in one CSV cell: one per line (the cell is quoted). */
const lines = (values: readonly string[]): string => values.join('\n');

function json(header: ExportHeader, body: Record<string, unknown>): string {
  return `${JSON.stringify({ ...header, ...body }, null, 2)}\n`;
}

export function topicsCsv(header: ExportHeader, topics: readonly TopicExport[]): string {
  return csvText(
    ['topic', 'partitions', 'replication_factor', 'under_replicated', 'internal', 'configs', 'source', 'error'],
    topics.map((t): CsvValue[] => [
      t.name,
      t.partitions,
      t.replicationFactor,
      t.underReplicated,
      t.internal,
      lines(Object.entries(t.configs).map(([k, v]) => `${k}=${v ?? '(sensitive)'}`)),
      header.source,
      t.error,
    ]),
  );
}

export function topicsJson(header: ExportHeader, topics: readonly TopicExport[]): string {
  return json(header, {
    topics: topics.map((t) => ({
      name: t.name,
      partitions: t.partitions,
      replicationFactor: t.replicationFactor,
      underReplicated: t.underReplicated,
      internal: t.internal,
      configs: t.configs,
      partitionDetails: t.partitionDetails,
      ...(t.error ? { error: t.error } : {}),
    })),
  });
}

const unique = (values: readonly string[]): string[] => [...new Set(values)].sort();

export function groupsCsv(header: ExportHeader, groups: readonly GroupExport[]): string {
  return csvText(
    [
      'group',
      'state',
      'protocol_type',
      'protocol',
      'members',
      'client_ids',
      'client_hosts',
      'total_lag',
      'source',
      'error',
    ],
    groups.map((g): CsvValue[] => [
      g.groupId,
      g.state,
      g.protocolType,
      g.protocol,
      g.members,
      lines(unique(g.memberList.map((m) => m.clientId))),
      lines(unique(g.memberList.map((m) => m.clientHost))),
      g.totalLag,
      header.source,
      g.lagError,
    ]),
  );
}

export function groupsJson(header: ExportHeader, groups: readonly GroupExport[]): string {
  return json(header, { groups });
}

export function groupLagCsv(header: ExportHeader, lag: GroupLagExport): string {
  return csvText(
    [
      'group',
      'topic',
      'partition',
      'committed_offset',
      'end_offset',
      'lag',
      'lag_from',
      'client_id',
      'client_host',
      'source',
    ],
    lag.rows.map((r): CsvValue[] => [
      lag.groupId,
      r.topic,
      r.partition,
      r.committedOffset,
      r.endOffset,
      r.lag,
      r.lagFrom,
      r.clientId,
      r.clientHost,
      header.source,
    ]),
  );
}

export function groupLagJson(header: ExportHeader, lag: GroupLagExport): string {
  return json(header, { group: lag.groupId, state: lag.state, totalLag: lag.totalLag, partitions: lag.rows });
}

/** The export's text in the chosen format. */
export function buildExport(
  format: ExportFormat,
  header: ExportHeader,
  data:
    | { kind: 'topics'; topics: readonly TopicExport[] }
    | { kind: 'groups'; groups: readonly GroupExport[] }
    | { kind: 'groupLag'; lag: GroupLagExport },
): string {
  switch (data.kind) {
    case 'topics':
      return format === 'csv' ? topicsCsv(header, data.topics) : topicsJson(header, data.topics);
    case 'groups':
      return format === 'csv' ? groupsCsv(header, data.groups) : groupsJson(header, data.groups);
    case 'groupLag':
      return format === 'csv' ? groupLagCsv(header, data.lag) : groupLagJson(header, data.lag);
  }
}

/** The format a file name asks for (by its extension), if it names one. */
export function formatOfFileName(name: string): ExportFormat | undefined {
  const m = /\.(csv|json)$/i.exec(name);
  return m ? (m[1].toLowerCase() as ExportFormat) : undefined;
}
