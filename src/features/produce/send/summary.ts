/** One-line and detailed summaries of a produce report (status bar, codelens, notifications). */
import type { MessageOutcome, ProduceReport } from '../../../kafka/produce/types';

/** e.g. "✓ 3 sent → p0@42, p0@43, p1@7" or "✗ 1 of 3 failed: …" */
export function summarizeReport(report: Pick<ProduceReport, 'outcomes' | 'sent' | 'failed'>, maxPlaces = 3): string {
  const ok = report.outcomes.filter((o): o is Extract<MessageOutcome, { ok: true }> => o.ok);
  const places = ok.slice(0, maxPlaces).map((o) => `p${o.partition}@${o.offset}`);
  const more = ok.length > maxPlaces ? '…' : '';
  if (report.failed === 0) return `✓ ${report.sent} sent → ${places.join(', ')}${more}`;
  const firstError = report.outcomes.find((o) => !o.ok);
  const reason = firstError && !firstError.ok ? firstError.error : '';
  const head = `✗ ${report.failed} of ${report.outcomes.length} failed`;
  return report.sent ? `${head} (${report.sent} sent → ${places.join(', ')}${more}): ${reason}` : `${head}: ${reason}`;
}

/** Every failure, one line each, grouped by reason (for the log and a "details" document). */
export function failureLines(report: Pick<ProduceReport, 'outcomes'>): string[] {
  const byReason = new Map<string, number[]>();
  for (const o of report.outcomes)
    if (!o.ok) (byReason.get(o.error) ?? byReason.set(o.error, []).get(o.error)!).push(o.index + 1);
  return [...byReason].map(([reason, nums]) => `message${nums.length > 1 ? 's' : ''} ${ranges(nums)}: ${reason}`);
}

function ranges(nums: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < nums.length;) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++;
    out.push(j > i ? `${nums[i]}–${nums[j]}` : String(nums[i]));
    i = j + 1;
  }
  return out.join(', ');
}

/** Where a tail should start to show what was just sent: the first offset per partition. */
export function firstOffsets(report: Pick<ProduceReport, 'outcomes'>): { partition: number; offset: string }[] {
  const first = new Map<number, bigint>();
  for (const o of report.outcomes) {
    if (!o.ok || o.offset === '-1') continue;
    const v = BigInt(o.offset);
    const cur = first.get(o.partition);
    if (cur === undefined || v < cur) first.set(o.partition, v);
  }
  return [...first]
    .sort((a, b) => a[0] - b[0])
    .map(([partition, offset]) => ({ partition, offset: offset.toString() }));
}
