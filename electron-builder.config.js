// electron-builder configuration: the installers (AppImage and deb, dmg, nsis) and the app folder
// that goes into them. `npm run dist` builds the installer for the machine it runs on; the release
// workflow (.github/workflows/release.yml) runs it on Linux, macOS and Windows. README "Packaging".
//
// The app folder (resources/app.asar) holds only what runs: the built JavaScript (dist/electron,
// dist/engine, dist/renderer), package.json, the sample articles and the model manifest, and the
// node_modules packages the bundles load at run time. Everything else the bundles already contain
// (scripts/build.mjs inlines every package except the native ones), so the other production
// dependencies are left out. test/build/app-files.test.ts packs this configuration and checks the result.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

/** The packages the built bundles import at run time (the bundler leaves them external). */
export const RUNTIME_PACKAGES = [
  'sqlite3', // dist/engine/engine-host.js: the database (a native N-API addon)
  '@huggingface/transformers', // dist/engine/marian-worker.js: translation; loads onnxruntime-node and sharp
  'pdfjs-dist', // dist/engine/engine-host.js: the text layer of PDFs; reads its standard fonts and cmaps from its folder
];

/** Dependencies of those packages that nothing loads at run time, with the reason. */
export const NOT_AT_RUN_TIME = {
  'onnxruntime-web': "transformers' Node build inlines the part it uses and runs onnxruntime-node (136 MB of wasm otherwise)",
  'prebuild-install': "sqlite3's install step",
  'node-gyp': "sqlite3's install step",
  tar: "sqlite3's install step",
  'node-addon-api': 'C++ headers sqlite3 compiles against',
  '@huggingface/jinja': "bundled into transformers' dist files",
  '@huggingface/tokenizers': "bundled into transformers' dist files",
  'adm-zip': "onnxruntime-node's install step",
  'global-agent': "onnxruntime-node's install step",
  '@napi-rs/canvas': 'pdf.js draws pages with it; Tandem reads only the text layer (pdf.js goes without it)',
  'node-readable-to-web-readable-stream': 'pdf.js streams files with it; Tandem hands it the bytes',
};

/** The folder of package `name` as Node resolves it from `fromDir`, or null (an absent optional dependency). */
function resolvePackage(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}

/** Every package folder reachable from `names` (dependencies and installed optional dependencies), minus `skip`. */
function closure(names, skip = {}) {
  const found = new Set();
  const queue = names.map((name) => [name, root]);
  while (queue.length) {
    const [name, from] = queue.shift();
    if (name in skip) continue;
    const dir = resolvePackage(name, from);
    if (!dir || found.has(dir)) continue;
    found.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) queue.push([dep, dir]);
  }
  return found;
}

const asPattern = (dir) => relative(root, dir).split(sep).join('/');

/** node_modules folders (relative, with /) that go into the app: the run-time packages and what they need. */
export function runtimeModules() {
  return [...closure(RUNTIME_PACKAGES, NOT_AT_RUN_TIME)].map(asPattern).sort();
}

/** Production dependencies electron-builder would pack by default that the app does not need. */
export function unneededModules() {
  const keep = new Set(runtimeModules());
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const unneeded = [...closure(Object.keys(pkg.dependencies ?? {}))].map(asPattern).filter((p) => !keep.has(p));
  // electron-builder moves a nested dependency (mammoth/node_modules/argparse) up to the app's
  // node_modules when the project's own top-level copy is not a production dependency.
  const hoisted = unneeded.map((p) => p.replace(/^.*node_modules\//u, 'node_modules/')).filter((p) => !keep.has(p));
  return [...new Set([...unneeded, ...hoisted])].sort();
}

/** Parts of the kept packages that nothing loads: sources, build leftovers, install scripts. */
const UNUSED_PARTS = [
  // sqlite3 compiled its addon from these; only build/Release/node_sqlite3.node and lib/ are loaded.
  'node_modules/sqlite3/{src,deps,node-addon-api,build/deps,build/Release/obj,build/Release/obj.target,build/Release/node-addon-api,build/Release/.deps}',
  'node_modules/onnxruntime-node/{lib,script}', // TypeScript sources and the install script
  'node_modules/@huggingface/transformers/{src,types}', // the package's exports point into dist/
  // pdf.js: only the Node (legacy) build, its standard fonts and cmaps are read; not the browser
  // builds, the viewer, the image decoders or the types.
  'node_modules/pdfjs-dist/{build,web,types,image_decoders,iccs,legacy/web,legacy/image_decoders}',
  'node_modules/pdfjs-dist/legacy/build/{pdf.min.mjs,pdf.worker.min.mjs,pdf.sandbox.mjs,pdf.sandbox.min.mjs}',
];

/**
 * The app folder for one target platform. (A platform's `files` replaces the top-level list in
 * electron-builder, so each platform gets the whole list.)
 */
function filesFor(platform) {
  // onnxruntime-node ships every platform's binaries (70-130 MB each): keep the target's only.
  const otherPlatforms = ['darwin', 'linux', 'win32'].filter((p) => p !== platform);
  return [
    'package.json',
    'dist/electron/main.js',
    'dist/electron/preload.cjs',
    'dist/engine/**/*',
    'dist/renderer/**/*',
    // Read by the engine from inside the asar: the first-run sample corpus and the pinned model list.
    // The database and downloaded models live in the user's data folder (electron/main.ts).
    'samples/**/*',
    'models/manifest.json',
    '!**/*.map', // source maps are for development
    '!**/*.{ts,mts,cts,tsx}', // no TypeScript runs in the app (type declarations are dropped by default)
    ...unneededModules().map((p) => `!${p}{,/**/*}`),
    ...UNUSED_PARTS.map((p) => `!${p}{,/**/*}`),
    `!node_modules/onnxruntime-node/bin/napi-v*/{${otherPlatforms.join(',')}}{,/**/*}`,
    '!node_modules/onnxruntime-node/bin/napi-v*/*/!(${arch}){,/**/*}', // ${arch}: the target architecture
  ];
}

/** @type {import('app-builder-lib').Configuration} */
const config = {
  appId: 'org.tandem.workbench',
  productName: 'Tandem',
  copyright: 'Copyright © Tandem contributors',
  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',
  directories: { output: 'release', buildResources: 'build' },

  files: filesFor(process.platform),
  asar: true,
  // Native code cannot be loaded from inside an asar: the addons and the shared libraries they link.
  asarUnpack: [
    '**/*.node',
    'node_modules/onnxruntime-node/bin/**/*',
    'node_modules/@img/**/*', // sharp's addon and libvips, which transformers loads
  ],
  // sqlite3 and onnxruntime-node are N-API addons: the binaries npm ci built or installed load in
  // Electron as they are, so no rebuild against Electron's headers (which would be a download).
  npmRebuild: false,
  buildDependenciesFromSource: false,

  // Electron fuses, flipped in the Electron binary at packaging time (README "Packaging").
  electronFuses: {
    runAsNode: false, // ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node interpreter
    enableNodeOptionsEnvironmentVariable: false, // nor NODE_OPTIONS inject code or flags
    enableNodeCliInspectArguments: false, // nor --inspect attach a debugger
    enableEmbeddedAsarIntegrityValidation: true, // the asar's hash is checked on load (macOS, Windows)
    onlyLoadAppFromAsar: true, // no app/ folder beside it is loaded instead
    grantFileProtocolExtraPrivileges: false, // the UI is served over tandem://, never file://
  },

  linux: {
    target: ['AppImage', 'deb'],
    files: filesFor('linux'),
    category: 'Office',
    icon: 'build/icons',
    executableName: 'tandem',
    synopsis: 'Offline translation and alignment workbench',
    maintainer: 'Tandem maintainers <maintainers@tandem.invalid>',
  },
  mac: {
    target: ['dmg'],
    files: filesFor('darwin'),
    category: 'public.app-category.productivity',
    icon: 'build/icons/1024x1024.png',
    // Ad-hoc signature: Apple Silicon runs no unsigned code, and flipping the fuses changes the
    // binary. A Developer ID identity and notarization replace this for a public release.
    identity: '-',
    hardenedRuntime: false,
  },
  win: {
    target: ['nsis'],
    files: filesFor('win32'),
    icon: 'build/icons/1024x1024.png',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // Uninstalling keeps the database and models: analysts' work is never deleted by an installer.
    deleteAppDataOnUninstall: false,
  },
};

export default config;
