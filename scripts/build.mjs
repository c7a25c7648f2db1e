#!/usr/bin/env node
// Builds every Node entry point to JavaScript, so nothing compiles TypeScript at run time:
//   dist/cli/tandem.js           the `tandem` command (bin/tandem.js runs it); commands are split into
//                                chunks beside it and loaded when used
//   dist/engine/engine-host.js   the engine process (Electron utilityProcess, or any Node child)
//   dist/engine/marian-worker.js the translation worker thread the engine starts
//   dist/electron/main.js, dist/electron/preload.cjs   Electron's main process and preload (Vite)
//   dist/renderer/               the review UI (Vite)
// Every bundle file sits directly in dist/<face>/, so src/paths.ts finds the app folder two levels up.
// Packages with native addons or files read from beside themselves stay external (EXTERNAL): they are
// loaded from node_modules at run time; everything else is bundled.
//
//   node scripts/build.mjs            everything
//   node scripts/build.mjs node       only the CLI and the engine (fast; what the tests need)
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Loaded from node_modules at run time (the packaged app must carry them, unpacked where native). */
// pdfjs-dist reads its standard fonts and character maps from its own folder, and loads its worker
// module by name: bundled, neither would be found.
export const EXTERNAL = ['sqlite3', 'onnxruntime-node', 'onnxruntime-common', 'onnxruntime-web', '@huggingface/transformers', 'sharp', 'pdfjs-dist'];

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  sourcemap: true,
  // Smaller files parse faster: start-up time is most of a quick command's time.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  // Bundled CommonJS packages call require(); give the ES module bundle one.
  banner: { js: "import { createRequire as __tandemCreateRequire } from 'node:module'; const require = __tandemCreateRequire(import.meta.url);" },
};

export async function buildNode() {
  rmSync(`${root}/dist/cli`, { recursive: true, force: true });
  rmSync(`${root}/dist/engine`, { recursive: true, force: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: { tandem: 'src/cli/index.ts' },
      outdir: 'dist/cli',
      splitting: true,
      chunkNames: '[name]-[hash]',
    }),
    build({
      ...common,
      entryPoints: { 'engine-host': 'electron/engine-host.ts', 'marian-worker': 'src/translate/marian-worker.ts' },
      outdir: 'dist/engine',
    }),
  ]);
}

async function vite(config, mode) {
  const { build: viteBuild } = await import('vite');
  // An inherited NODE_ENV wins over the mode in Vite: under vitest it is "test", and the UI would
  // be built with React's development runtime (several times slower, and not what users run).
  const inherited = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await viteBuild({ configFile: `${root}/${config}`, mode, logLevel: 'warn' });
  } finally {
    if (inherited === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = inherited;
  }
}

export async function buildAll() {
  await buildNode();
  await vite('electron/vite.config.ts', 'main');
  await vite('electron/vite.config.ts', 'preload');
  await vite('renderer/vite.config.ts', 'production');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const what = process.argv[2] ?? 'all';
  const started = performance.now();
  if (what === 'node') await buildNode();
  else if (what === 'all') await buildAll();
  else {
    console.error(`usage: node scripts/build.mjs [all|node]`);
    process.exit(2);
  }
  console.error(`tandem: built ${what === 'all' ? 'dist/' : 'dist/cli and dist/engine'} in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}
