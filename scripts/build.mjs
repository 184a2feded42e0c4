#!/usr/bin/env node
// esbuild bundles:
//  - dist/extension.js    the extension host entry (CommonJS, `vscode` external). Small: it loads
//  - dist/kafka.js        kafkajs + the Kafka layer, on first use
//  - dist/aws.js          the AWS SDK clients + the AWS layer, on first use
//  - dist/languageServer.js  the producer-file language server (its own Node process), when present
//  - media/dist/<name>.js each webview (browser ES module), one per folder in src/webviews/*/main.ts
//                         (type-checked as browser code by src/webviews/tsconfig.json: DOM, no Node)
// `--watch` rebuilds on change; `--production` minifies.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { noNativeAddons } from './noNativeAddons.mjs';

const root = resolve(import.meta.dirname, '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const nodeEntries = {
  extension: 'src/extension.ts',
  kafka: 'src/kafka/index.ts',
  aws: 'src/aws/index.ts',
  languageServer: 'src/language/server/main.ts',
};

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

const builds = [];
for (const [name, entry] of Object.entries(nodeEntries)) {
  if (!existsSync(join(root, entry))) continue;
  builds.push({
    ...common,
    entryPoints: { [name]: entry },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    define: { MSK_BUNDLE: 'true' },
    plugins: [noNativeAddons()],
  });
}

const webviewDir = join(root, 'src/webviews');
const webviewEntries = {};
if (existsSync(webviewDir)) {
  for (const name of readdirSync(webviewDir)) {
    const entry = join('src/webviews', name, 'main.ts');
    if (existsSync(join(root, entry))) webviewEntries[name] = entry;
  }
}
if (Object.keys(webviewEntries).length) {
  builds.push({
    ...common,
    entryPoints: webviewEntries,
    outdir: 'media/dist',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  });
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log(`watching ${builds.length} bundle(s)…`);
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`built ${builds.length} bundle(s) in ${Date.now() - started} ms`);
}
