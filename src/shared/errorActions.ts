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

/** Puts a ready IAM policy statement allowing `action` (one or several) on `resource` (one or several) on the clipboard. */
export function copyIamPolicyAction(
  action: string | readonly string[],
  resource?: string | readonly string[],
): ErrorAction {
  return {
    title: 'Copy IAM Policy Statement',
    command: 'msk.copyIamPolicyStatement',
    args: [iamPolicyStatement(action, resource)],
  };
}

/**
 * Runs the connection doctor (`msk.diagnoseConnection`, the contract's DiagnoseConnectionArgs) on a
 * cluster. The cluster is copied as plain JSON (dates as ISO text), so the action is plain data.
 */
export function diagnoseConnectionAction(cluster: { readonly key: string; readonly name: string }): ErrorAction {
  const plain = JSON.parse(JSON.stringify(cluster)) as Record<string, unknown>;
  return {
    title: 'Diagnose Connection…',
    command: 'msk.diagnoseConnection',
    args: [{ kind: 'diagnoseConnection', cluster: plain }],
  };
}

/** What a broker-unreachable error offers: the doctor, and the settings of SSH tunnels. */
export function brokersUnreachableActions(
  cluster: { readonly key: string; readonly name: string },
  tunnelSetting = 'msk.sshTunnels',
): ErrorAction[] {
  return [diagnoseConnectionAction(cluster), openSettingAction(tunnelSetting)];
}

/** Every action above (for the test against package.json). */
export const knownErrorActions: readonly ErrorAction[] = [
  selectAwsProfileAction,
  selectRegionsAction,
  openSettingAction('msk.aws.endpoint'),
  copyIamPolicyAction('kafka:ListClustersV2'),
  diagnoseConnectionAction({ key: 'k', name: 'n' }),
];
