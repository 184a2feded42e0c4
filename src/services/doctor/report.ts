/**
 * The doctor's report as Markdown for a support ticket, with secrets and account-identifying values
 * redacted: AWS account ids (also inside ARNs), access key ids, secret keys, session tokens,
 * signatures and passwords. User names (e.g. a SCRAM user) and host names stay: they are needed to
 * act on the report and identify nobody's account.
 */
import { overallStatus, STEP_GROUP_TITLES, type DoctorReport, type DoctorStep, type StepStatus } from './types';

const ICONS: Record<StepStatus, string> = { ok: '✅', warn: '⚠️', fail: '❌', skipped: '⏭️', running: '…' };
const WORDS: Record<StepStatus, string> = {
  ok: 'ok',
  warn: 'warning',
  fail: 'failed',
  skipped: 'skipped',
  running: 'running',
};

const REDACTIONS: [RegExp, string | ((...m: string[]) => string)][] = [
  // Query-string and header style secrets: X-Amz-Signature=…, X-Amz-Security-Token=…, X-Amz-Credential=…
  [/(X-Amz-(?:Signature|Security-Token|Credential)=)[^&\s"']+/gi, '$1<redacted>'],
  // key: value / key=value pairs that hold secrets.
  [
    /((?:password|passphrase|secret(?:AccessKey)?|secret_access_key|sessionToken|session_token|token|signature)["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
    '$1<redacted>',
  ],
  // Access key ids (AKIA… long-term, ASIA… temporary, and the other IAM unique-id prefixes).
  [/\b(AKIA|ASIA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA|ABIA|ACCA)[A-Z0-9]{12,128}\b/g, '$1<redacted>'],
  // 40-character secret access keys standing alone.
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, '<redacted-secret>'],
  // The account part of ARNs: arn:partition:service:region:ACCOUNT:resource
  [/\b(arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:)\d{12}(?=:)/g, '$1<account>'],
  // Any other 12-digit number standing alone is taken for an account id.
  [/(?<![\d.])\d{12}(?![\d.])/g, '<account>'],
];

/** `text` with secrets and account-identifying values replaced. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REDACTIONS) {
    out = out.replace(pattern, replacement as string);
  }
  return out;
}

function duration(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function stepLines(step: DoctorStep): string[] {
  const time = duration(step.durationMs);
  const head = `- ${ICONS[step.status]} **${step.title}** — ${WORDS[step.status]}${time ? ` (${time})` : ''}`;
  const lines = [head];
  if (step.detail) for (const line of step.detail.split('\n')) lines.push(`  ${line}`);
  if (step.next) lines.push(`  - **Next step:** ${step.next}`);
  return lines;
}

/** The whole report as Markdown, redacted. */
export function reportMarkdown(report: DoctorReport): string {
  const counts = (s: StepStatus) => report.steps.filter((x) => x.status === s).length;
  const status = overallStatus(report.steps);
  const c = report.cluster;
  const lines = [
    `# MSK connection doctor: ${c.name}`,
    '',
    `- Result: ${ICONS[status]} ${counts('ok')} ok, ${counts('warn')} warning(s), ${counts('fail')} failed, ${counts('skipped')} skipped`,
    `- Cluster: ${c.source === 'msk' ? `MSK cluster ${c.arn ?? ''}` : 'manual connection'}`.trimEnd(),
  ];
  if (c.region) lines.push(`- Region: ${c.region}`);
  if (c.profile) lines.push(`- AWS profile: ${c.profile}`);
  if (report.topic) lines.push(`- Topic checked: ${report.topic}`);
  lines.push(
    `- Run: ${new Date(report.startedAt).toISOString()}${report.finishedAt ? `, ${duration(report.finishedAt - report.startedAt)}` : ''}`,
  );
  let group: string | undefined;
  for (const step of report.steps) {
    if (step.group !== group) {
      group = step.group;
      lines.push('', `## ${STEP_GROUP_TITLES[step.group]}`, '');
    }
    lines.push(...stepLines(step));
  }
  lines.push('', '_Secrets, access key ids and AWS account ids are redacted._', '');
  return redact(lines.join('\n'));
}
