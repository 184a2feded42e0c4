/**
 * The declared command handles and context keys (src/contract) and package.json agree: every
 * contributed command is declared and every declared command is contributed; menus, keybindings
 * and the welcome view's links run only declared commands; every `msk.*` context key a `when`
 * clause reads is declared (set by the extension) and every declared key is read somewhere; the
 * words of tree items' contextValue (src/contract/treeItemContext.ts) are the ones `viewItem`
 * clauses match, and built values open the menus they should.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Commands, commandLink } from '../../../src/contract/commands';
import { ContextKeys } from '../../../src/contract/contextKeys';
import { treeItemContext, treeItemContextWords } from '../../../src/contract/treeItemContext';

interface MenuItem {
  command?: string;
  submenu?: string;
  when?: string;
}
interface Manifest {
  contributes: {
    commands: { command: string; enablement?: string }[];
    menus?: Record<string, MenuItem[]>;
    keybindings?: { command: string; when?: string }[];
    views?: Record<string, { id: string; when?: string }[]>;
    viewsWelcome?: { view: string; contents: string; when?: string }[];
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const c = manifest.contributes;
const declared = Object.values(Commands).map((h) => h.id);
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

function srcFiles(dir = join(__dirname, '..', '..', '..', 'src')): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? srcFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every `when`/`enablement` clause in the manifest. */
function whenClauses(): string[] {
  return [
    ...c.commands.map((x) => x.enablement),
    ...Object.values(c.menus ?? {}).flatMap((items) => items.map((m) => m.when)),
    ...(c.keybindings ?? []).map((k) => k.when),
    ...Object.values(c.views ?? {}).flatMap((vs) => vs.map((v) => v.when)),
    ...(c.viewsWelcome ?? []).map((w) => w.when),
  ].filter((w): w is string => typeof w === 'string');
}

/** `msk.*` context keys a clause reads (not the values it compares with, e.g. `view == msk.explorer`). */
export function contextKeysIn(clause: string): string[] {
  const values = new Set([...clause.matchAll(/(?:==|!=|=~|\bin)\s*(msk\.[\w.]+)/g)].map((m) => m[1]));
  return [...clause.matchAll(/msk\.[\w.]+/g)].map((m) => m[0]).filter((k) => !values.has(k));
}

describe('command handles and package.json', () => {
  it('no two handles share an id', () => {
    assert.equal(new Set(declared).size, declared.length);
  });

  it('every contributed command is declared, and every declared command is contributed', () => {
    assert.deepEqual(sorted(declared), sorted(c.commands.map((x) => x.command)));
  });

  it('menus and keybindings run only declared commands', () => {
    const used = [
      ...Object.values(c.menus ?? {}).flatMap((items) => items.map((m) => m.command)),
      ...(c.keybindings ?? []).map((k) => k.command),
    ].filter((id): id is string => typeof id === 'string');
    assert.ok(used.length > 0);
    assert.deepEqual(
      used.filter((id) => !declared.includes(id)),
      [],
    );
  });

  it('the welcome view links only declared commands', () => {
    const links = (c.viewsWelcome ?? []).flatMap((w) =>
      [...w.contents.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]),
    );
    assert.ok(links.length > 0);
    assert.deepEqual(
      links.filter((id) => !declared.includes(id)),
      [],
    );
  });

  it('every declared command has exactly one handler registered in src/', () => {
    const registered = srcFiles().flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\.register\(\s*Commands\.(\w+)/g)].map((m) => m[1]),
    );
    assert.deepEqual(registered.slice().sort(), Object.keys(Commands).sort());
  });

  it('every msk.* command id still spelled as a string in src/ (error actions, tree items) is declared', () => {
    const spelled = srcFiles().flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\bcommand:\s*['"](msk\.[\w.]+)['"]/g)].map((m) => m[1]),
    );
    assert.deepEqual(
      spelled.filter((id) => !declared.includes(id)),
      [],
    );
  });

  it('a tree command built from a handle runs that command with its arguments', () => {
    const node = { id: 'topic:orders', parent: undefined };
    assert.deepEqual(commandLink(Commands.showGroupLag, 'Show Consumer Lag', node), {
      command: 'msk.showGroupLag',
      title: 'Show Consumer Lag',
      arguments: [node],
    });
    assert.deepEqual(commandLink(Commands.showLog, 'Open Log'), { command: 'msk.showLog', title: 'Open Log' });
  });
});

describe('context keys and package.json', () => {
  const keys = Object.values(ContextKeys).map((k) => k.key);
  const read = sorted(whenClauses().flatMap(contextKeysIn));

  it('reads keys, not compared values, from a clause', () => {
    assert.deepEqual(contextKeysIn('view == msk.explorer && !msk.readOnly && viewItem =~ /^topic\\b/'), [
      'msk.readOnly',
    ]);
  });

  it('every msk.* key a when clause reads is declared', () => {
    assert.ok(read.length > 0);
    assert.deepEqual(
      read.filter((k) => !keys.includes(k)),
      [],
    );
  });

  it('every declared key is read by some when clause', () => {
    assert.deepEqual(
      keys.filter((k) => !read.includes(k)),
      [],
    );
  });
});

/** The `viewItem` conditions of a clause (all joined with `&&` in this manifest). */
function viewItemTests(clause: string): ((contextValue: string) => boolean)[] {
  const tests: ((v: string) => boolean)[] = [];
  for (const m of clause.matchAll(/viewItem\s*==\s*([\w.-]+)/g)) tests.push((v) => v === m[1]);
  for (const m of clause.matchAll(/viewItem\s*=~\s*\/((?:[^/\\]|\\.)*)\//g)) {
    const re = new RegExp(m[1]);
    tests.push((v) => re.test(v));
  }
  return tests;
}

/** The words a `viewItem` condition names: the value of `==`, the letters of a `=~` pattern (minus `\b`). */
function viewItemWords(clause: string): string[] {
  const eq = [...clause.matchAll(/viewItem\s*==\s*([\w.-]+)/g)].map((m) => m[1]);
  const re = [...clause.matchAll(/viewItem\s*=~\s*\/((?:[^/\\]|\\.)*)\//g)].flatMap((m) =>
    [...m[1].replace(/\\[a-zA-Z]/g, ' ').matchAll(/[A-Za-z]+/g)].map((w) => w[0]),
  );
  return [...eq, ...re];
}

describe('tree item contextValue and package.json', () => {
  const itemMenus = (c.menus ?? {})['view/item/context'] ?? [];
  const clauses = whenClauses().filter((w) => w.includes('viewItem'));
  const words = treeItemContextWords();

  /** The commands the item context menu offers for a contextValue (other terms of the clause hold). */
  const menuFor = (contextValue: string): string[] =>
    itemMenus
      .filter((m) => m.when && viewItemTests(m.when).every((t) => t(contextValue)))
      .map((m) => m.command ?? '')
      .sort();

  it('reads the words of a viewItem clause', () => {
    assert.deepEqual(viewItemWords('view == x && viewItem =~ /^(cluster msk|connector)\\b/ && viewItem == error'), [
      'error',
      'cluster',
      'msk',
      'connector',
    ]);
  });

  it('no clause uses || with viewItem (menuFor evaluates conjunctions only)', () => {
    assert.ok(clauses.length > 0);
    assert.deepEqual(
      clauses.filter((w) => w.includes('||')),
      [],
    );
  });

  it('every word a viewItem clause matches is declared', () => {
    assert.deepEqual(
      sorted(clauses.flatMap(viewItemWords)).filter((w) => !words.includes(w)),
      [],
    );
  });

  it('every declared word is matched by some clause, except the items and tags no menu needs', () => {
    const matched = new Set(clauses.flatMap(viewItemWords));
    // Items without a context menu, and the negative of a tag that menus test positively.
    assert.deepEqual(sorted(words.filter((w) => !matched.has(w))), [
      'active',
      'default',
      'iam',
      'loadMore',
      'manualConnections',
      'message',
      'partition',
      'readonly',
    ]);
  });

  it('builds kind, variant, filterable, then writable or readonly', () => {
    assert.equal(treeItemContext({ kind: 'group', variant: 'empty', writable: true }), 'group empty writable');
    assert.equal(treeItemContext({ kind: 'topics', filterable: true, writable: false }), 'topics filterable readonly');
    assert.equal(treeItemContext({ kind: 'error' }), 'error');
    // @ts-expect-error a group must say whether it is empty (reset and delete depend on it)
    treeItemContext({ kind: 'group', writable: true });
    // @ts-expect-error a topic has no variant
    treeItemContext({ kind: 'topic', variant: 'empty' });
  });

  it('reset offsets and delete are offered on an empty group of a writable cluster only', () => {
    const destructive = ['msk.deleteConsumerGroup', 'msk.resetOffsets'];
    const has = (v: string) => destructive.filter((id) => menuFor(v).includes(id));
    assert.deepEqual(has(treeItemContext({ kind: 'group', variant: 'empty', writable: true })), destructive);
    assert.deepEqual(has(treeItemContext({ kind: 'group', variant: 'active', writable: true })), []);
    assert.deepEqual(has(treeItemContext({ kind: 'group', variant: 'empty', writable: false })), []);
    assert.ok(
      menuFor(treeItemContext({ kind: 'group', variant: 'active', writable: false })).includes('msk.showGroupLag'),
    );
  });

  it('connection edits only on manual clusters; ARN only on MSK clusters; filter on filterable folders', () => {
    const manual = menuFor(treeItemContext({ kind: 'cluster', variant: 'manual', writable: true }));
    const msk = menuFor(treeItemContext({ kind: 'cluster', variant: 'msk', writable: true }));
    assert.ok(manual.includes('msk.editConnection') && manual.includes('msk.removeConnection'));
    assert.ok(!msk.includes('msk.editConnection') && !msk.includes('msk.removeConnection'));
    assert.ok(msk.includes('msk.copyArn') && !manual.includes('msk.copyArn'));
    assert.ok(menuFor(treeItemContext({ kind: 'awsScope', filterable: true })).includes('msk.filter'));
    assert.ok(menuFor(treeItemContext({ kind: 'manualConnections', filterable: true })).includes('msk.filter'));
    assert.ok(menuFor(treeItemContext({ kind: 'error' })).includes('msk.retry'));
  });

  it('writing to a topic is offered on writable clusters only', () => {
    assert.ok(menuFor(treeItemContext({ kind: 'topic', writable: true })).includes('msk.produceToTopic'));
    assert.ok(!menuFor(treeItemContext({ kind: 'topic', writable: false })).includes('msk.produceToTopic'));
    assert.ok(menuFor(treeItemContext({ kind: 'topic', writable: false })).includes('msk.tailTopic'));
  });

  it('adding partitions and changing broker configs are offered on writable clusters only; removal on overrides only', () => {
    assert.ok(menuFor(treeItemContext({ kind: 'topic', writable: true })).includes('msk.addPartitions'));
    assert.ok(!menuFor(treeItemContext({ kind: 'topic', writable: false })).includes('msk.addPartitions'));
    for (const kind of ['broker', 'brokerDefaults'] as const) {
      assert.ok(menuFor(treeItemContext({ kind, writable: true })).includes('msk.editBrokerConfig'), kind);
      assert.ok(!menuFor(treeItemContext({ kind, writable: false })).includes('msk.editBrokerConfig'), kind);
      assert.ok(menuFor(treeItemContext({ kind, writable: false })).includes('msk.showBrokerConfig'), kind);
    }
    const entry = (variant: 'override' | 'default', w: boolean) =>
      menuFor(treeItemContext({ kind: 'brokerConfigEntry', variant, writable: w }));
    assert.ok(entry('override', true).includes('msk.removeBrokerConfigOverride'));
    assert.ok(!entry('default', true).includes('msk.removeBrokerConfigOverride'));
    assert.ok(!entry('override', false).includes('msk.removeBrokerConfigOverride'));
    assert.ok(entry('default', true).includes('msk.editBrokerConfig'));
    assert.ok(!entry('default', false).includes('msk.editBrokerConfig'));
  });
});
