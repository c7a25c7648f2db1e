#!/usr/bin/env node
// The `tandem` command runs the built CLI (dist/cli/tandem.js): no TypeScript is compiled at run
// time. `npm ci` builds it (the `prepare` script); after changing src/, run `npm run build`.
// (In development, `npx tsx src/cli/index.ts ...` runs the sources directly.)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli/tandem.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(`tandem: ${cli} is missing: run \`npm run build\` first (npm ci does it)\n`);
  process.exit(1);
}
await import(new URL('../dist/cli/tandem.js', import.meta.url).href);
