/**
 * A ready IAM policy statement for an access-denied error: what "Copy IAM Policy Statement" puts on
 * the clipboard, to paste into the policy of the role or user that was refused. No vscode.
 */

/** `{"Effect": "Allow", "Action": [...], "Resource": [...]}`, pretty-printed. A missing resource is "*". */
export function iamPolicyStatement(action: string, resource?: string): string {
  return JSON.stringify({ Effect: 'Allow', Action: [action], Resource: [resource || '*'] }, null, 2);
}
