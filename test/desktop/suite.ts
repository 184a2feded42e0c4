/**
 * Runs inside desktop VS Code's extension host (started by scripts/test-desktop.mjs through
 * @vscode/test-electron). No mocha: a tiny runner over node:assert. Exports `run()`, which
 * VS Code awaits; a rejection fails the run.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'msk-devtools.msk-explorer';

interface Contributions {
  contributes?: { commands?: { command: string }[] };
  version?: string;
}

const checks: [string, () => Promise<void>][] = [
  [
    'the extension is installed and activates',
    async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is not loaded`);
      await ext.activate();
      assert.equal(ext.isActive, true);
    },
  ],
  [
    'every command in package.json is registered',
    async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext);
      await ext.activate();
      const declared = ((ext.packageJSON as Contributions).contributes?.commands ?? []).map((c) => c.command);
      assert.ok(declared.length > 0, 'package.json declares no commands');
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = declared.filter((c) => !registered.has(c));
      assert.deepEqual(missing, [], `declared but not registered: ${missing.join(', ')}`);
    },
  ],
  [
    'MSK: Show Log runs',
    async () => {
      await vscode.commands.executeCommand('msk.showLog');
    },
  ],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, check] of checks) {
    try {
      await check();
      console.log(`  ✔ ${name}`);
    } catch (err) {
      failures.push(name);
      console.error(`  ✖ ${name}\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  console.log(`${checks.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} desktop check(s) failed: ${failures.join('; ')}`);
}
