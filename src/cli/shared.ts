// What every command shares and that costs nothing to load: the program (its global options),
// output, usage errors and argument parsers. Nothing here loads the engine.
import { Command } from 'commander';

export interface GlobalOptions {
  db: string;
  models: string;
  manifest?: string;
  json?: boolean;
}

/** Bad arguments: exit 2 with the message. */
export class UsageError extends Error {}

export const program = new Command('tandem')
  .description('Offline translation-and-alignment workbench for news analysts')
  .option('--db <path>', 'SQLite database file', './tandem.db')
  .option('--models <dir>', 'models folder', process.env.TANDEM_MODELS ?? './models')
  .option('--manifest <file>', 'model manifest (default: the bundled models/manifest.json)', process.env.TANDEM_MANIFEST)
  .option('--json', 'print machine-readable JSON on stdout')
  .showHelpAfterError()
  .exitOverride();

export function globals(): GlobalOptions {
  return program.opts<GlobalOptions>();
}

export function print(value: unknown, human: () => string): void {
  process.stdout.write(globals().json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

export function documentId(doc: string): number {
  const id = Number(doc);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`DOC must be a document id, not "${doc}"`);
  return id;
}

export const langList = (v: string, prev: string[] = []) => [...prev, ...v.split(',')];

export const docList = (v: string, prev: number[] = []) => [...prev, ...v.split(',').map((x) => {
  const n = Number(x);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--doc takes document ids, not "${x}"`);
  return n;
})];

/** Throws a usage error naming the values of a list flag that are not among `allowed`. */
export function checkList(flag: string, values: string[] | undefined, allowed: readonly string[], what = ''): void {
  const unknown = values?.filter((l) => !allowed.includes(l));
  if (unknown?.length) throw new UsageError(`${flag} takes ${what}${allowed.join(', ')}; not ${unknown.join(', ')}`);
}
