/**
 * Every `msk.*` setting package.json contributes is read through the one settings module with the
 * same default, and what a person types is cleaned up (clamped, trimmed) rather than trusted.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import {
  SETTING_DEFAULTS,
  parseLagSettings,
  parseMskSettings,
  parseProduceSettings,
  parseTailSettings,
  type SettingKey,
  type SettingsReader,
} from '../../../src/services/settingsModel';

const root = join(__dirname, '..', '..', '..');

interface Property {
  default?: unknown;
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } | { properties: Record<string, Property> }[] };
};
const sections = [manifest.contributes.configuration].flat();
const properties: Record<string, Property> = {};
for (const section of sections) Object.assign(properties, section.properties);

const parsers = [parseMskSettings, parseLagSettings, parseTailSettings, parseProduceSettings];

/** Runs every parser with `values`, returning the keys they asked for. */
function keysRead(values: Partial<Record<SettingKey, unknown>> = {}): Set<string> {
  const asked = new Set<string>();
  const get: SettingsReader = (key) => {
    asked.add(key);
    return values[key];
  };
  for (const parse of parsers) parse(get);
  return asked;
}

const from =
  (values: Partial<Record<SettingKey, unknown>>): SettingsReader =>
  (key) =>
    values[key];

describe('settings model and package.json', () => {
  it('declares every contributed msk.* setting, and only those', () => {
    const contributed = Object.keys(properties).filter((k) => k.startsWith('msk.'));
    assert.ok(contributed.length > 20);
    assert.deepEqual(Object.keys(SETTING_DEFAULTS).sort(), contributed.sort());
  });

  it('has the same default as package.json for every setting', () => {
    for (const [key, value] of Object.entries(SETTING_DEFAULTS))
      assert.deepEqual(value, properties[key]?.default, `default of ${key}`);
  });

  it('reads every setting', () => {
    assert.deepEqual([...keysRead()].sort(), Object.keys(SETTING_DEFAULTS).sort());
  });

  it('gives the defaults when nothing is set', () => {
    const none = from({});
    const s = parseMskSettings(none);
    assert.equal(s.pageSize, properties['msk.explorer.pageSize']?.default);
    assert.equal(s.readOnly, false);
    assert.deepEqual(s.connections, []);
    assert.equal(parseTailSettings(none).bufferSize, properties['msk.tail.bufferSize']?.default);
    assert.deepEqual(parseProduceSettings(none), { idempotent: true, maxCount: 100_000, historySize: 20 });
    const lag = parseLagSettings(none);
    assert.deepEqual(
      [lag.refreshSeconds, lag.windowSamples, lag.minSamples, lag.historySamples, lag.notifications],
      ['refreshSeconds', 'windowSamples', 'minSamples', 'historySamples', 'notifications'].map(
        (k) => properties[`msk.lag.${k}`]?.default,
      ),
    );
  });

  it('is the only place in src/ that asks VS Code for a setting', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
      });
    const readers = files(join(root, 'src'))
      .filter((f) => /\bgetConfiguration\s*\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    assert.deepEqual(readers, ['src/config/settings.ts']);
  });
});

describe('settings parsing', () => {
  it('trims text, drops empty regions and connections without an id or servers', () => {
    const s = parseMskSettings(
      from({
        'msk.aws.profile': '  dev ',
        'msk.aws.regions': [' eu-west-1 ', '', 'us-east-1'],
        'msk.connections': [
          { id: 'a', name: 'A', bootstrapServers: 'localhost:9092', auth: 'plaintext' },
          { id: '', name: 'no id', bootstrapServers: 'x:1', auth: 'plaintext' },
          { id: 'b', name: 'no servers', bootstrapServers: '', auth: 'plaintext' },
        ],
      }),
    );
    assert.equal(s.awsProfile, 'dev');
    assert.deepEqual(s.awsRegions, ['eu-west-1', 'us-east-1']);
    assert.deepEqual(
      s.connections.map((c) => c.id),
      ['a'],
    );
  });

  it('takes the default for a value of the wrong type, and clamps numbers to their range', () => {
    const s = parseMskSettings(
      from({ 'msk.explorer.pageSize': 1, 'msk.readOnly': 'yes', 'msk.preferredAuth': 'kerberos' }),
    );
    assert.equal(s.pageSize, 10);
    assert.equal(s.readOnly, false);
    assert.equal(s.preferredAuth, '');
    assert.equal(parseMskSettings(from({ 'msk.explorer.pageSize': 99_999 })).pageSize, 5000);
    assert.equal(parseProduceSettings(from({ 'msk.produce.maxCount': 0 })).maxCount, 1);
    assert.equal(parseProduceSettings(from({ 'msk.produce.historySize': 'many' })).historySize, 20);
  });

  it('refuses a tail buffer outside 100…5,000,000 (the default applies)', () => {
    assert.equal(parseTailSettings(from({ 'msk.tail.bufferSize': 50 })).bufferSize, 100_000);
    assert.equal(parseTailSettings(from({ 'msk.tail.bufferSize': 2500.5 })).bufferSize, 100_000);
    assert.equal(parseTailSettings(from({ 'msk.tail.bufferSize': 2000 })).bufferSize, 2000);
  });

  it('shows tail timestamps in UTC only when asked, anything else is local time', () => {
    assert.equal(parseTailSettings(from({ 'msk.tail.timeZone': 'utc' })).timeZone, 'utc');
    assert.equal(parseTailSettings(from({ 'msk.tail.timeZone': 'UTC+1' })).timeZone, 'local');
    assert.equal(parseTailSettings(from({})).timeZone, 'local');
  });

  it('keeps the lag windows consistent: minSamples ≤ windowSamples ≤ historySamples', () => {
    const lag = parseLagSettings(
      from({ 'msk.lag.windowSamples': 20, 'msk.lag.minSamples': 50, 'msk.lag.historySamples': 5 }),
    );
    assert.deepEqual([lag.minSamples, lag.windowSamples, lag.historySamples], [20, 20, 20]);
    assert.equal(parseLagSettings(from({ 'msk.lag.refreshSeconds': 0 })).refreshSeconds, 1);
    assert.equal(parseLagSettings(from({ 'msk.lag.notifications': true })).notifications, true);
  });
});
