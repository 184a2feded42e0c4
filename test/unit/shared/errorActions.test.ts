/** Error buttons name commands the extension declares (a renamed command would make them dead buttons). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { knownErrorActions } from '../../../src/shared/errorActions';

test('every msk.* command an error action runs is declared in package.json', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string }[] };
  };
  const declared = new Set(pkg.contributes.commands.map((c) => c.command));
  const own = knownErrorActions.filter((a) => a.command.startsWith('msk.'));
  assert.ok(own.length > 0);
  for (const action of own)
    assert.ok(declared.has(action.command), `${action.title} runs ${action.command}, not declared`);
});
