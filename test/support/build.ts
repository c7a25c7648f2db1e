// vitest globalSetup: builds the CLI and the engine (dist/cli, dist/engine) once before any test
// file runs, so every test that starts `tandem` (bin/tandem.js runs dist/cli/tandem.js) or the
// engine host runs the current sources, never a stale build. esbuild takes a second or two.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'node'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}
