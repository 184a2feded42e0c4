/**
 * Buttons errors can offer, as data (no vscode import): the UI runs `command` with `args`.
 * test/unit/shared/errorActions.test.ts checks the msk.* ids against package.json.
 */
import type { ErrorAction } from './errors';
import { iamPolicyStatement } from './iamPolicy';

export const selectAwsProfileAction: ErrorAction = { title: 'Select AWS Profile…', command: 'msk.selectProfile' };

export const selectRegionsAction: ErrorAction = { title: 'Select Regions…', command: 'msk.selectRegions' };

/** Opens the Settings editor filtered to a setting, e.g. "msk.aws.endpoint". */
export function openSettingAction(setting: string): ErrorAction {
  return { title: 'Open Settings', command: 'workbench.action.openSettings', args: [setting] };
}

/** Puts a ready IAM policy statement allowing `action` on `resource` on the clipboard. */
export function copyIamPolicyAction(action: string, resource?: string): ErrorAction {
  return {
    title: 'Copy IAM Policy Statement',
    command: 'msk.copyIamPolicyStatement',
    args: [iamPolicyStatement(action, resource)],
  };
}

/** Every action above (for the test against package.json). */
export const knownErrorActions: readonly ErrorAction[] = [
  selectAwsProfileAction,
  selectRegionsAction,
  openSettingAction('msk.aws.endpoint'),
  copyIamPolicyAction('kafka:ListClustersV2'),
];
