// An esbuild plugin that keeps native addons out of the Node bundles. VS Code's Electron cannot load
// addons built for the system Node, so a `.node` file must never be bundled or required at run time.
// Libraries that only *try* them (ssh2: its optional crypto binding; cpu-features, which ssh2 asks
// for cipher ordering) get a module that throws instead; they catch that and use their pure
// JavaScript path. Whether or not `npm install` built the addons, the bundle is the same.
// package.json's allowScripts also keeps npm from building them at all.
const STUBBED = /(\.node$|^cpu-features$)/;

export function noNativeAddons() {
  return {
    name: 'no-native-addons',
    setup(build) {
      build.onResolve({ filter: STUBBED }, (args) => ({ path: args.path, namespace: 'no-native-addon' }));
      build.onLoad({ filter: /.*/, namespace: 'no-native-addon' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path} is a native addon, left out of the bundle`)});`,
        loader: 'js',
      }));
    },
  };
}
