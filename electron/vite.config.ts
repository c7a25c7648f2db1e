// Builds the Electron main process (ESM) and the preload (CommonJS: sandboxed preloads cannot be
// ES modules) into dist/electron/. `--mode main` or `--mode preload`; `npm run build:electron`
// runs both (scripts/build.mjs runs them with the rest). The engine host and its worker are
// bundled by scripts/build.mjs into dist/engine/, which main starts as a utility process.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  return {
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: fileURLToPath(new URL('../dist/electron', import.meta.url)),
      emptyOutDir: false,
      target: 'node22',
      ssr: true,
      minify: false,
      sourcemap: true,
      lib: {
        entry: fileURLToPath(new URL(preload ? './preload.ts' : './main.ts', import.meta.url)),
        formats: [preload ? 'cjs' : 'es'],
        fileName: () => (preload ? 'preload.cjs' : 'main.js'),
      },
      rollupOptions: { external },
    },
    ssr: { noExternal: true },
  };
});
