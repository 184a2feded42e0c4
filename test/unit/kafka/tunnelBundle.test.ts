/**
 * The SSH client ships as pure JavaScript: the Kafka bundle carries ssh2 but none of its optional
 * native addons (VS Code's Electron cannot load addons built for Node), whether or not npm built them.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { bundleInMemory } from '../../integration/support/bundle';

describe('kafka bundle and ssh2', () => {
  it('bundles ssh2 without any native addon', async () => {
    const result = await bundleInMemory('src/kafka/index.ts');
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(
      inputs.some((p) => p.includes('node_modules/ssh2/lib/client.js')),
      'ssh2 is in the bundle',
    );
    // Files from disk only: the plugin's stand-ins ("no-native-addon:…") throw when required.
    const real = inputs.filter((p) => !p.startsWith('no-native-addon:'));
    assert.deepEqual(
      real.filter((p) => p.endsWith('.node') || p.includes('node_modules/cpu-features/')),
      [],
    );
    assert.ok(inputs.includes('no-native-addon:./crypto/build/Release/sshcrypto.node'), 'ssh2 gets the stand-in');
    const text = result.outputFiles[0].text;
    assert.ok(!/require\(["'][^"']*\.node["']\)/.test(text), 'no require of a .node file is left');
  });
});
