/**
 * The declared command handles and context keys (src/contract) and package.json agree: every
 * contributed command is declared and every declared command is contributed; menus, keybindings
 * and the welcome view's links run only declared commands; every `msk.*` context key a `when`
 * clause reads is declared (set by the extension) and every declared key is read somewhere.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Commands, commandLink } from '../../../src/contract/commands';
import { ContextKeys } from '../../../src/contract/contextKeys';

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
