/**
 * An AWS next step reaches the person: with an SSO profile whose cached token has expired, the
 * tree's error node and the notification of a command that lists clusters both say to run
 * `aws sso login --profile <name>`, and the notification's button picks another profile.
 *
 * Nothing of the real user's is read: code-server runs with a temp HOME (where the SDK looks for
 * ~/.aws/sso/cache), and the AWS config and credentials files are temp files named in the settings.
 * No sandbox and no network: the SDK refuses the expired token (it has no refresh token) before
 * any request.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { waitFor } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const PROFILE = 'sso-expired';
const REGION = 'us-east-1';
const SCOPE = `${PROFILE} · ${REGION}`;
const SESSION = 'corp';
const START_URL = 'https://msk-ui-test.awsapps.com/start';
const LOGIN = `aws sso login --profile ${PROFILE}`;
const MESSAGE = `The AWS SSO session for profile "${PROFILE}" has expired or is missing.`;

/** A temp HOME holding the config, an empty credentials file and an expired cached SSO token. */
function ssoHome(): { home: string; configFile: string; credentialsFile: string } {
  const home = mkdtempSync(join(tmpdir(), 'msk-ui-sso-home-'));
  const configFile = join(home, 'aws-config');
  const credentialsFile = join(home, 'aws-credentials');
  writeFileSync(
    configFile,
    [
      `[profile ${PROFILE}]`,
      `sso_session = ${SESSION}`,
      'sso_account_id = 111122223333',
      'sso_role_name = Developer',
      `region = ${REGION}`,
      '',
      `[sso-session ${SESSION}]`,
      `sso_start_url = ${START_URL}`,
      `sso_region = ${REGION}`,
      'sso_registration_scopes = sso:account:access',
      '',
    ].join('\n'),
  );
  writeFileSync(credentialsFile, '');
  // Where `aws sso login` leaves the token of an sso-session: ~/.aws/sso/cache/<sha1 of its name>.json.
  const cache = join(home, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    join(cache, `${createHash('sha1').update(SESSION).digest('hex')}.json`),
    JSON.stringify({
      startUrl: START_URL,
      region: REGION,
      accessToken: 'expired-access-token',
      expiresAt: '2024-01-01T00:00:00Z',
      clientId: 'expired-client',
      clientSecret: 'expired-secret',
      registrationExpiresAt: '2024-01-01T00:00:00Z',
    }),
  );
  return { home, configFile, credentialsFile };
}

const aws = ssoHome();
after(() => rmSync(aws.home, { recursive: true, force: true }));

const ui = useWorkbench({
  name: 'errors-sso',
  sandbox: false,
  settings: {
    'msk.aws.profile': PROFILE,
    'msk.aws.configFile': aws.configFile,
    'msk.aws.credentialsFile': aws.credentialsFile,
    'msk.aws.regions': [REGION],
  },
  env: {
    HOME: aws.home,
    AWS_CONFIG_FILE: aws.configFile,
    AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile,
    AWS_PROFILE: undefined,
    AWS_DEFAULT_PROFILE: undefined,
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_ENDPOINT_URL: undefined,
    AWS_ENDPOINT_URL_KAFKA: undefined,
  },
});

void test("the tree's error node under the SSO profile shows the `aws sso login` next step", async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(900);
  const children = await wb.waitForTreeItemChildren(SCOPE, VIEW, { timeout: 45_000 });
  assert.deepEqual(
    children.map((c) => c.label),
    [MESSAGE],
    `the scope shows ${JSON.stringify(children)}`,
  );
  assert.ok(
    children[0].description.includes(LOGIN),
    `the error node's description is ${JSON.stringify(children[0].description)}, without "${LOGIN}"`,
  );
  await wb.screenshot('errors-sso-1-tree');
});

void test('a command that lists clusters shows the next step in its notification, and offers another profile', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.runCommand('MSK: Create Topic…');
  const toast = await wb.waitForNotification(MESSAGE, 45_000);
  const text = (await toast.locator('.notification-list-item-message').innerText()).replace(/\u00a0/g, ' ');
  assert.ok(text.includes(LOGIN), `the notification says ${JSON.stringify(text)}, without "${LOGIN}"`);
  const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map((b) => b.trim());
  assert.deepEqual(buttons, ['Select AWS Profile…', 'Open Log']);
  await wb.screenshot('errors-sso-2-notification');

  // The log keeps the whole chain, down to the SDK's refusal of the expired token it read.
  let log = '';
  await waitFor('the log to record the failure with its causes', () => {
    log = wb.extensionLogFile('Amazon MSK');
    return /msk\.createTopic failed: /.test(log) && /caused by: CredentialsProviderError/.test(log);
  });
  assert.match(log, new RegExp(`next step: Run \`${LOGIN}\` in a terminal`));
  assert.match(log, /caused by: CredentialsProviderError: .*SSO Token/);

  await wb.clickNotificationButton(MESSAGE, 'Select AWS Profile…');
  await wb.waitForQuickInputTitle('AWS profile for the MSK explorer');
  assert.ok((await wb.quickPickLabels()).some((l) => l.includes(PROFILE)));
  await wb.closeQuickInput();
});
