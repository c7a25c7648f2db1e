// The layer rule (eslint/layers.js) run by the real ESLint with the project's config on imports
// placed in files of each layer: the allowed ones pass, each wrong one fails with its reason.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** The layer messages ESLint gives `code` as if it were the file at `path` (relative to the root). */
async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath: join(root, path) });
  return result!.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

describe('layers', () => {
  it('lets each layer import downward', async () => {
    expect(await problems('src/match/probe.ts', "import { x } from '../common/index.ts';")).toEqual([]);
    expect(await problems('src/export/probe.ts', "import { x } from '../store/index.ts';")).toEqual([]);
    expect(await problems('src/api/probe.ts', "import { x } from '../match/index.ts';")).toEqual([]);
    expect(await problems('src/server/probe.ts', "import { x } from '../api/contract.ts';")).toEqual([]);
    expect(await problems('electron/probe.ts', "import { x } from '../src/api/contract.ts';")).toEqual([]);
    expect(await problems('renderer/src/probe.ts', "import { x } from '../../src/common/format.ts';")).toEqual([]);
    expect(await problems('renderer/src/probe.ts', "import type { x } from '../../src/api/contract.ts';")).toEqual([]);
  });

  it('fails an import that reaches up or sideways, naming the reason', async () => {
    expect(await problems('src/common/probe.ts', "import { x } from '../match/index.ts';")).toEqual([expect.stringContaining('imports nothing of Tandem')]);
    expect(await problems('src/match/probe.ts', "import { x } from '../api/types.ts';")).toEqual([expect.stringContaining('never imports the api')]);
    expect(await problems('src/translate/models/probe.ts', "import { x } from '../../server/index.ts';")).toEqual([expect.stringContaining('never imports the api or a face')]);
    expect(await problems('src/store/probe.ts', "import { x } from '../../electron/main.ts';")).toEqual([expect.stringContaining('Electron shell')]);
    expect(await problems('src/api/probe.ts', "import { x } from '../cli/index.ts';")).toEqual([expect.stringContaining('never imports the CLI')]);
    expect(await problems('electron/probe.ts', "import { x } from '../renderer/src/api/client.ts';")).toEqual([expect.stringContaining('meet only through the typed api')]);
    expect(await problems('electron/probe.ts', "import { x } from '../src/store/index.ts';")).toEqual([expect.stringContaining('through src/api only')]);
    expect(await problems('renderer/src/probe.ts', "import { x } from '../../src/api/contract.ts';")).toEqual([expect.stringContaining('Only types come from the api')]);
    expect(await problems('renderer/src/probe.ts', "import type { x } from '../../src/store/index.ts';")).toEqual([expect.stringContaining('src/common and the api only')]);
  });

  it('enters a domain module through its index.ts only', async () => {
    expect(await problems('src/api/probe.ts', "import { x } from '../match/index.ts';")).toEqual([]);
    expect(await problems('src/api/probe.ts', "import { x } from '../match/scorer.ts';")).toEqual([expect.stringContaining('through its index.ts')]);
    expect(await problems('src/ingest/probe.ts', "import { x } from '../translate/models/download.ts';")).toEqual([expect.stringContaining('through its index.ts')]);
    // inside a module its files are its own
    expect(await problems('src/match/probe.ts', "import { x } from './scorer.ts';")).toEqual([]);
  });
});
