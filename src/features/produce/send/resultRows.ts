/** The rows of the producer panel's result: failures first, then one row per offset range. */
import type { ProduceReport } from '../../../kafka/produce/types';
import type { OutcomeRow } from '../../../webviews/producer/protocol';
import { failedMessages } from './summary';

export function toResultRows(
  report: Pick<ProduceReport, 'ranges' | 'failures'>,
  max: number,
): { rows: OutcomeRow[]; rowCount: number } {
  const rows: OutcomeRow[] = [];
  for (const f of report.failures) {
    if (rows.length >= max) break;
    rows.push({ ok: false, messages: failedMessages(f), error: f.error, code: f.code });
  }
  for (const r of report.ranges) {
    if (rows.length >= max) break;
    const offsets = r.first === '-1' ? '?' : r.count === 1 ? r.first : `${r.first}–${r.last}`;
    rows.push({ ok: true, count: r.count, partition: r.partition, offsets });
  }
  return { rows, rowCount: report.failures.length + report.ranges.length };
}
