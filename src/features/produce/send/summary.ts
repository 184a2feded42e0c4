/** One-line and detailed summaries of a produce report (status bar, codelens, notifications). */
import type { MessageFailure, OffsetRange, ProduceReport } from '../../../kafka/produce/types';

type Summarized = Pick<ProduceReport, 'ranges' | 'failures' | 'sent' | 'failed' | 'total'>;

/** "p0@42" for one message, "p0@42–1041" for a range; offsets unknown (acks=0): "p0 ×3". */
export function rangeText(r: OffsetRange): string {
  if (r.first === '-1') return `p${r.partition} ×${r.count}`;
  return r.count === 1 ? `p${r.partition}@${r.first}` : `p${r.partition}@${r.first}–${r.last}`;
}

/** The messages a failure covers, 1-based: "3" or "3–900". */
export function failedMessages(f: MessageFailure): string {
  return f.last > f.first ? `${f.first + 1}–${f.last + 1}` : String(f.first + 1);
}

/** e.g. "✓ 3 sent → p0@42–43, p1@7" or "✗ 1 of 3 failed: …" */
export function summarizeReport(report: Summarized, maxPlaces = 3): string {
  const places = report.ranges.slice(0, maxPlaces).map(rangeText);
  const more = report.ranges.length > maxPlaces ? '…' : '';
  if (report.failed === 0) return `✓ ${report.sent} sent → ${places.join(', ')}${more}`;
  const reason = report.failures[0]?.error ?? '';
  const head = `✗ ${report.failed} of ${report.total} failed`;
  return report.sent ? `${head} (${report.sent} sent → ${places.join(', ')}${more}): ${reason}` : `${head}: ${reason}`;
}

/** Every failure, one line per reason (for the log and a "details" document). */
export function failureLines(report: Pick<ProduceReport, 'failures'>): string[] {
  const byReason = new Map<string, MessageFailure[]>();
  for (const f of report.failures) (byReason.get(f.error) ?? byReason.set(f.error, []).get(f.error)!).push(f);
  return [...byReason].map(([reason, list]) => {
    const one = list.length === 1 && list[0].first === list[0].last;
    const which = list.map(failedMessages);
    return `message${one ? '' : 's'} ${which.join(', ')}: ${reason}`;
  });
}

/** Where a tail should start to show what was just sent: the first offset per partition. */
export function firstOffsets(report: Pick<ProduceReport, 'ranges'>): { partition: number; offset: string }[] {
  const first = new Map<number, bigint>();
  for (const r of report.ranges) {
    if (r.first === '-1') continue;
    const v = BigInt(r.first);
    const cur = first.get(r.partition);
    if (cur === undefined || v < cur) first.set(r.partition, v);
  }
  return [...first]
    .sort((a, b) => a[0] - b[0])
    .map(([partition, offset]) => ({ partition, offset: offset.toString() }));
}
