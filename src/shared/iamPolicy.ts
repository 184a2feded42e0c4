/**
 * A ready IAM policy statement for an access-denied error: what "Copy IAM Policy Statement" puts on
 * the clipboard, to paste into the policy of the role or user that was refused. No vscode.
 */

/**
 * `{"Effect": "Allow", "Action": [...], "Resource": [...]}`, pretty-printed: one action or several
 * (an API that needs several IAM actions), on one resource or several. A missing resource is "*".
 */
export function iamPolicyStatement(action: string | readonly string[], resource?: string | readonly string[]): string {
  const actions = [...new Set(typeof action === 'string' ? [action] : action)];
  const resources = [...new Set((typeof resource === 'string' ? [resource] : (resource ?? [])).filter(Boolean))];
  return JSON.stringify({ Effect: 'Allow', Action: actions, Resource: resources.length ? resources : ['*'] }, null, 2);
}
