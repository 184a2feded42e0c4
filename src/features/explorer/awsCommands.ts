import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import { awsModule } from '../../services/lazyModules';
import type { MskSettings } from '../../services/settingsModel';
import { updateSetting } from '../../config/settings';
import { CancellationError } from '../../shared/errors';
import type { CommandRegistry } from '../../ui/commands/registerCommand';

/** Regions where Amazon MSK is offered, for the region picker (any region can still be typed). */
const MSK_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'sa-east-1',
  'mx-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-east-1',
  'me-south-1',
  'me-central-1',
  'il-central-1',
  'af-south-1',
];

const KIND_LABEL: Record<string, string> = {
  static: 'access keys',
  sso: 'IAM Identity Center (SSO)',
  'assume-role': 'assumed role',
  process: 'credential_process',
  'web-identity': 'web identity',
};

export function registerAwsCommands(commands: CommandRegistry, settings: () => MskSettings): void {
  commands.register(Commands.selectProfile, async () => {
    const s = settings();
    const listing = await awsModule().listProfiles({
      configFile: s.awsConfigFile || undefined,
      credentialsFile: s.awsCredentialsFile || undefined,
    });
    const items: (vscode.QuickPickItem & { profile: string })[] = [
      {
        label: '$(key) Default credential chain',
        description: listing.defaultProfileFromEnv
          ? `AWS_PROFILE=${listing.defaultProfile}`
          : 'environment, then “default”',
        profile: '',
      },
      ...listing.profiles.map((p) => ({
        label: p.name,
        description: [KIND_LABEL[p.kind] ?? p.kind, p.region].filter(Boolean).join(' · '),
        detail: p.problem ? `⚠ ${p.problem}` : p.endpointUrl ? `endpoint ${p.endpointUrl}` : undefined,
        picked: p.name === s.awsProfile,
        profile: p.name,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'AWS profile for the MSK explorer',
      placeHolder: `Profiles from ${listing.files.configFile} and ${listing.files.credentialsFile}`,
      matchOnDescription: true,
    });
    if (!picked) throw new CancellationError();
    await updateSetting('msk.aws.profile', picked.profile);
  });

  commands.register(Commands.selectRegions, async () => {
    const current = new Set(settings().awsRegions);
    const regions = [...new Set([...current, ...MSK_REGIONS])];
    const picked = await vscode.window.showQuickPick(
      regions.map((r) => ({ label: r, picked: current.has(r) })),
      {
        title: 'Regions to list MSK clusters in',
        placeHolder: 'None selected: the profile’s region',
        canPickMany: true,
      },
    );
    if (!picked) throw new CancellationError();
    await updateSetting(
      'msk.aws.regions',
      picked.map((p) => p.label),
    );
  });
}

/** The status-bar item: the active AWS profile and regions; clicking it switches the profile. */
export class AwsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('msk.profile', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly settings: () => MskSettings) {
    this.item.name = 'Amazon MSK: AWS profile';
    this.item.command = Commands.selectProfile.id;
    this.update();
  }

  update(regionFallback?: string): void {
    const s = this.settings();
    const profile = s.awsProfile || 'default chain';
    const regions = s.awsRegions.length ? s.awsRegions.join(', ') : (regionFallback ?? 'profile region');
    this.item.text = `$(cloud) MSK: ${profile} · ${regions}`;
    this.item.tooltip = `Amazon MSK explorer\nAWS profile: ${profile}\nRegions: ${regions}${s.awsEndpoint ? `\nEndpoint: ${s.awsEndpoint}` : ''}\nClick to switch the profile.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
