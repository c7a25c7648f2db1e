// Where the app's own files are at run time, the same from source and from the build:
// - from source (tsx, vitest) this module is src/common/paths.ts;
// - built, it is inlined into a bundle file, and every bundle file sits directly in dist/<face>/
//   (dist/cli/, dist/engine/: see scripts/build.mjs).
// Either way the app folder (package.json, models/, samples/, dist/) is two folders up.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when running the TypeScript sources (development and tests), false in a bundle. */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** The app folder: the repository checkout, an npm install's package folder, or the packaged app. */
export const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The model manifest shipped with Tandem. */
export const DEFAULT_MANIFEST = join(APP_ROOT, 'models', 'manifest.json');

/** The built review UI (`npm run build`). */
export const RENDERER_DIR = join(APP_ROOT, 'dist', 'renderer');

/**
 * The translation worker thread's entry. Built: the bundled worker beside the engine. From source:
 * a small .mjs that registers tsx first (worker threads do not inherit the parent's loader).
 */
export const MARIAN_WORKER = FROM_SOURCE
  ? join(APP_ROOT, 'src', 'translate', 'marian-worker-boot.mjs')
  : join(APP_ROOT, 'dist', 'engine', 'marian-worker.js');
