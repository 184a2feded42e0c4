/**
 * The doctor's Markdown report: what a support ticket gets. Secrets and account-identifying values
 * never reach it; what is needed to act on it (host names, user names, step results) stays.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { redact, reportMarkdown } from '../../../../src/services/doctor/report';
import type { DoctorReport } from '../../../../src/services/doctor/types';

const ARN = 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/6f1c2d3e-aaaa-bbbb-cccc-0123456789ab-2';

void describe('doctor report redaction', () => {
  it('replaces the account id inside ARNs and keeps the rest of the ARN', () => {
    assert.equal(
      redact(`needs kafka-cluster:WriteData on ${ARN}`),
      'needs kafka-cluster:WriteData on arn:aws:kafka:eu-west-1:<account>:cluster/orders/6f1c2d3e-aaaa-bbbb-cccc-0123456789ab-2',
    );
    assert.equal(redact('arn:aws-cn:iam::210987654321:role/dev'), 'arn:aws-cn:iam::<account>:role/dev');
  });

  it('replaces a standalone account id but not longer numbers, offsets or addresses', () => {
    assert.equal(redact('account 123456789012; expires soon'), 'account <account>; expires soon');
    assert.equal(redact('offset 1234567890123 at 10.0.12.7:9098'), 'offset 1234567890123 at 10.0.12.7:9098');
  });

  it('replaces access key ids (long-term and temporary) keeping the kind', () => {
    assert.equal(redact('access key AKIAIOSFODNN7EXAMPLE'), 'access key AKIA<redacted>');
    assert.equal(redact('access key ASIAY34FZKBOKMUTVV7A (temporary)'), 'access key ASIA<redacted> (temporary)');
  });

  it('replaces secret keys, session tokens, signatures and passwords', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    assert.equal(redact(`secret ${secret} here`), 'secret <redacted-secret> here');
    assert.equal(
      redact(
        'https://kafka.us-east-1.amazonaws.com/?X-Amz-Credential=AKIAX%2F20261202&X-Amz-Signature=abc123def&X-Amz-Security-Token=IQoJb3JpZ2luX2Vj',
      ),
      'https://kafka.us-east-1.amazonaws.com/?X-Amz-Credential=<redacted>&X-Amz-Signature=<redacted>&X-Amz-Security-Token=<redacted>',
    );
    assert.equal(
      redact('password=hunter2 and "sessionToken": "FwoGZX"'),
      'password=<redacted> and "sessionToken": "<redacted>"',
    );
  });

  it('keeps user names and host names', () => {
    const text =
      'b-1.orders.abc123.c2.kafka.eu-west-1.amazonaws.com:9096 refused the SCRAM credentials of user "alice"';
    assert.equal(redact(text), text);
  });
});

void describe('doctor report as Markdown', () => {
  const report: DoctorReport = {
    cluster: { name: 'orders', source: 'msk', arn: ARN, region: 'eu-west-1', profile: 'dev' },
    startedAt: Date.UTC(2026, 11, 2, 4, 0, 0),
    finishedAt: Date.UTC(2026, 11, 2, 4, 0, 3),
    steps: [
      {
        id: 'identity',
        group: 'identity',
        title: 'AWS identity and region',
        status: 'ok',
        durationMs: 12,
        detail:
          'profile "dev"; region eu-west-1; access key ASIAY34FZKBOKMUTVV7A (temporary, with a session token); account 123456789012',
      },
      {
        id: 'tcp:b-1.orders:9098',
        group: 'network',
        title: 'TCP connect to b-1.orders:9098',
        status: 'fail',
        durationMs: 3000,
        detail: 'Timed out: no answer within 3 s.',
        next: 'Check the security group.',
      },
      {
        id: 'auth',
        group: 'authentication',
        title: 'Sign in',
        status: 'skipped',
        detail: 'Skipped: no bootstrap broker could be reached.',
      },
    ],
  };

  it('lists each step under its group with result, time, detail and next step, redacted', () => {
    const md = reportMarkdown(report);
    assert.match(md, /^# MSK connection doctor: orders$/m);
    assert.match(md, /Result: ❌ 1 ok, 0 warning\(s\), 1 failed, 1 skipped/);
    assert.match(md, /^## Identity and region$/m);
    assert.match(md, /^## Bootstrap brokers \(DNS, TCP, TLS\)$/m);
    assert.match(
      md,
      /- ❌ \*\*TCP connect to b-1\.orders:9098\*\* — failed \(3\.0 s\)\n {2}Timed out: no answer within 3 s\.\n {2}- \*\*Next step:\*\* Check the security group\./,
    );
    assert.match(md, /- ⏭️ \*\*Sign in\*\* — skipped\n {2}Skipped: no bootstrap broker could be reached\./);
    assert.match(md, /arn:aws:kafka:eu-west-1:<account>:cluster\/orders/);
    assert.doesNotMatch(md, /123456789012/);
    assert.doesNotMatch(md, /ASIAY34FZKBOKMUTVV7A/);
    assert.match(md, /ASIA<redacted>/);
  });
});
