// Which layer may import which, in the spirit of VS Code's `code-layering` rule: each layer
// imports only downward, and a domain module is entered through its index.ts only.
//
//   common     value sets, errors, the page policy, small helpers      imports nothing of Tandem
//   domain     ingest translate match align export store              common, other domain modules
//   api        the service, its table, the client type                common, domain
//   faces      cli, server (the HTTP bridge)                           common, domain, api
//   electron   main, preload, the engine host                          common, api
//   renderer   the review UI                                           common; api as types only
//
// The rule is `no-restricted-imports` (or typescript-eslint's, for type-only allowances) with
// patterns made from this table, so a wrong import fails `npm run lint` with the reason.

export const DOMAIN = ['ingest', 'translate', 'match', 'align', 'export', 'store'];
const FACES = ['cli', 'server'];

const anyOf = (names) => names.flatMap((m) => [`**/${m}/**`, `**/${m}.ts`]);
/** Imports that reach into a domain module past its entry point. */
const internals = DOMAIN.flatMap((m) => [`**/${m}/*`, `**/${m}/**/*`, `!**/${m}/index.ts`]);

const NO_SHELL = { group: ['**/electron/**', '**/renderer/**', 'electron'], message: 'The engine runs anywhere: it never reaches up into the Electron shell or the UI.' };
const ENTRY = { group: internals, message: 'Enter a domain module through its index.ts; its other files are private.' };

export const layers = [
  {
    files: ['src/common/**/*.ts'],
    patterns: [{ group: ['../**'], message: 'src/common is the bottom layer: it imports nothing of Tandem.' }],
  },
  {
    files: DOMAIN.map((m) => `src/${m}/**/*.ts`),
    patterns: [{ group: anyOf(['api', ...FACES]), message: 'A domain module never imports the api or a face: the api imports the domain.' }, ENTRY, NO_SHELL],
  },
  {
    files: ['src/api/**/*.ts'],
    patterns: [{ group: anyOf(FACES), message: 'The api never imports the CLI or the HTTP bridge: they import the api.' }, ENTRY, NO_SHELL],
  },
  {
    files: ['src/cli/**/*.ts', 'src/cli.ts', 'src/server/**/*.ts'],
    patterns: [ENTRY, NO_SHELL],
  },
  {
    files: ['electron/**/*.ts'],
    patterns: [
      { group: ['**/renderer/**'], message: 'electron/ and renderer/ meet only through the typed api (src/api/client.ts).' },
      { group: [...anyOf([...DOMAIN, ...FACES])], message: 'electron/ reaches the engine through src/api only.' },
    ],
  },
];

/** The renderer: no Node, no Electron; from the engine only src/common and api types. */
export const rendererPatterns = [
  { group: ['node:*', '**/electron/**', 'electron'], message: 'The renderer has no Node: talk to the engine through the TandemClient.' },
  { group: ['**/src/api/**'], allowTypeImports: true, message: 'Only types come from the api (import type); calls go through the TandemClient.' },
  { group: anyOf([...DOMAIN, ...FACES]), message: 'The renderer knows src/common and the api only.' },
];
