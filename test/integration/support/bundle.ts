/** Bundling a Node entry with the options scripts/build.mjs ships it with (for tests of the shipped bundles). */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');

/** The options scripts/build.mjs bundles the Node entries with: CommonJS, `vscode` external, MSK_BUNDLE defined, native addons replaced by stand-ins. */
async function nodeEntryOptions(entry: string): Promise<BuildOptions> {
  const { noNativeAddons } = (await import(pathToFileURL(join(ROOT, 'scripts', 'noNativeAddons.mjs')).href)) as {
    noNativeAddons: () => Plugin;
  };
  return {
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    define: { MSK_BUNDLE: 'true' },
    plugins: [noNativeAddons()],
    logLevel: 'silent',
  };
}

/** `entry` (relative to the repository) bundled as shipped, in memory: its text and the files it is made of. */
export async function bundleInMemory(entry: string) {
  return build({ ...(await nodeEntryOptions(entry)), write: false as const, metafile: true as const });
}

/** `entry` (relative to the repository) bundled as shipped, written to `outfile`. */
export async function writeBundle(entry: string, outfile: string): Promise<void> {
  await build({ ...(await nodeEntryOptions(entry)), outfile });
}
