/** The ACL menus of the Clusters view: add and delete only on writable clusters, never in read-only mode. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { treeItemContext } from '../../../src/contract/treeItemContext';

interface MenuItem {
  command?: string;
  when?: string;
  group?: string;
}
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuItem[]> };
};
const menus = manifest.contributes.menus;

/** Whether a `when` clause (conjunctions only) holds for a tree item, with msk.readOnly set as given. */
function holds(when: string, contextValue: string, readOnly: boolean): boolean {
  return when.split('&&').every((raw) => {
    const term = raw.trim();
    if (term === 'view == msk.explorer') return true;
    if (term === '!msk.readOnly') return !readOnly;
    const re = /^viewItem =~ \/(.*)\/$/.exec(term);
    if (re) return new RegExp(re[1]).test(contextValue);
    throw new Error(`unexpected term ${term}`);
  });
}

const offered = (contextValue: string, readOnly = false): string[] =>
  (menus['view/item/context'] ?? [])
    .filter((m) => /^msk\.\w*Acls?$/.test(m.command ?? '') && m.when && holds(m.when, contextValue, readOnly))
    .map((m) => m.command!);

describe('ACL menus', () => {
  test('an ACLs folder offers Add ACL… only when the cluster is writable, read-only mode is off and it is not IAM', () => {
    assert.ok(offered(treeItemContext({ kind: 'acls', variant: 'kafka', writable: true })).includes('msk.addAcl'));
    assert.deepEqual(offered(treeItemContext({ kind: 'acls', variant: 'kafka', writable: false })), []);
    assert.deepEqual(offered(treeItemContext({ kind: 'acls', variant: 'kafka', writable: true }), true), []);
    assert.deepEqual(offered(treeItemContext({ kind: 'acls', variant: 'iam', writable: true })), []);
  });

  test('a binding offers Delete ACL… only when the cluster is writable and read-only mode is off', () => {
    assert.deepEqual([...new Set(offered(treeItemContext({ kind: 'acl', writable: true })))], ['msk.deleteAcl']);
    assert.deepEqual(offered(treeItemContext({ kind: 'acl', writable: false })), []);
    assert.deepEqual(offered(treeItemContext({ kind: 'acl', writable: true }), true), []);
  });

  test('every group offers Show ACLs of Group, read-only or not (it lists; changes are refused there)', () => {
    for (const writable of [true, false])
      assert.deepEqual(offered(treeItemContext({ kind: 'group', variant: 'active', writable })), ['msk.showGroupAcls']);
  });

  test('the palette hides Add ACL… in read-only mode and never offers the node-only commands', () => {
    const palette = new Map((menus.commandPalette ?? []).map((m) => [m.command, m.when]));
    assert.equal(palette.get('msk.addAcl'), '!msk.readOnly');
    assert.equal(palette.get('msk.deleteAcl'), 'false');
    assert.equal(palette.get('msk.showGroupAcls'), 'false');
  });
});
