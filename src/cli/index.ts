// `tandem`: the engine from the command line, for batch work and scripted tests.
// Exit codes: 0 ok, 1 failure (including any rejected input file), 2 usage.
//
// This file only declares the commands and their options; each command's code is loaded when it
// runs (./commands/*.ts, split into chunks by the build), so `tandem --help`, a usage error or a
// quick listing never load the parts of the engine they do not use.
import { CommanderError, Option, type Command } from 'commander';
import { EXPORT_FORMATS, LANGS, MODEL_VARIANTS, SEARCH_SIDES, SOURCE_LANGS } from '../api/types.ts';
import { docList, langList, program, UsageError } from './shared.ts';

const ingestFlags = (cmd: Command) =>
  cmd
    .addOption(new Option('--lang <lang>', 'language of every file (skip identification)').choices([...LANGS]))
    .option('--title <title>', 'title for the document(s)')
    .option('--date <date>', 'publication date, YYYY-MM-DD')
    .option('--one-sentence-per-line', 'input is pre-segmented: one sentence per line, no cleaning')
    .option('--langs <langs>', `languages identification may choose from (default ${LANGS.join(',')})`)
    .option('--max-size <mb>', 'largest file to accept, in MB', '16');

ingestFlags(program.command('ingest').description('add articles (files or folders) to the database').argument('<paths...>'))
  .action(async (paths, flags) => (await import('./commands/ingest.ts')).ingest(paths, flags));

program.command('translate').description('translate every untranslated sentence into English')
  .option('--lang <langs>', `only these source languages (${SOURCE_LANGS.join(', ')})`, langList)
  .option('--doc <ids>', 'only these document ids', docList)
  .action(async (flags) => (await import('./commands/translate.ts')).translate(flags));

ingestFlags(program.command('run').description('ingest, then translate').argument('<paths...>'))
  .action(async (paths, flags) => (await import('./commands/ingest.ts')).run(paths, flags));

program.command('match').description('find matching reports, stories and repeated passages (incremental)')
  .action(async () => (await import('./commands/translate.ts')).match());

program.command('similarity').description('compare two article files (or every pair in a TSV with --pairs): score, level and evidence')
  .usage('[options] FILE_A FILE_B | --pairs FILE')
  .argument('[fileA]').argument('[fileB]')
  .option('--pairs <file>', 'TSV of FILE_A<TAB>FILE_B lines (relative to its folder; # comments): one JSON line per pair on stdout')
  .action(async (fileA, fileB, flags, cmd) => (await import('./commands/similarity.ts')).similarity(fileA, fileB, flags, cmd));

program.command('align').description('align two documents sentence by sentence (A = B: one document against its English), or in bulk')
  .usage('[options] A B | --matched [--level L] | --self')
  .argument('[a]', 'document id').argument('[b]', 'document id')
  .option('--passages', 'independent reports: pair sentences in any order instead of monotonic beads')
  .option('--matched', 'align every pair `tandem match` found, in one job')
  .addOption(new Option('--level <level>', 'with --matched: the loosest match level to take').choices(['same_event', 'same_story']))
  .option('--self', 'align every document against its own English (translation review), in one job')
  .action(async (a, b, flags) => (await import('./commands/align.ts')).align(a, b, flags));

program.command('review').description('decide on beads of an alignment (batch review; the app does it row by row)')
  .argument('<alignment>', 'alignment id (from `tandem align`)')
  .argument('<action>', 'accept | reject | reset | merge | split | undo | shift-up | shift-down | insert-gap | remove-gap | split-sentence | edit-source')
  .argument('[beads...]', 'bead ids')
  .option('--min-score <x>', 'with accept/reject: every pending bead scoring at least x')
  .option('--side <a|b>', 'with shift-*, *-gap, split-sentence, edit-source: the side of the row')
  .option('--sentence <n>', 'with split-sentence, edit-source: the sentence index in its document')
  .option('--at <offset>', 'with split-sentence: the caret, a character offset into the sentence')
  .option('--text <text>', 'with edit-source: the fixed source text')
  .action(async (alignment, action, beads, flags) => (await import('./commands/align.ts')).review(alignment, action, beads, flags));

const stories = program.command('stories').description('story clusters, and the analyst decisions that shape them');
stories.command('list', { isDefault: true }).description('current stories')
  .action(async () => (await import('./commands/stories.ts')).list());
for (const kind of ['confirm', 'reject'] as const) {
  stories.command(kind).description(`${kind} that two documents report the same event`).argument('<a>').argument('<b>')
    .action(async (a, b) => (await import('./commands/stories.ts')).decide(kind, a, b));
}
stories.command('move').description('move a document into a story').argument('<doc>').argument('<story>', 'story id')
  .action(async (doc, story) => (await import('./commands/stories.ts')).move(doc, story));

program.command('documents').description('list the documents in the database')
  .action(async () => (await import('./commands/read.ts')).documents());

program.command('delete').description('delete documents with their alignments, decisions, matches and story memberships (translation memory stays)')
  .argument('<docs...>', 'document ids')
  .option('--yes', 'delete without asking (else: asks on a terminal; elsewhere deletes nothing)')
  .action(async (docs, flags) => (await import('./commands/delete.ts')).deleteDocuments(docs, flags));

program.command('sentences').description("a document's sentences with their English").argument('<doc>', 'document id')
  .action(async (doc) => (await import('./commands/read.ts')).sentences(doc));

program.command('paragraphs').description("a document's paragraphs, with the boilerplate that cleaning set aside").argument('<doc>', 'document id')
  .action(async (doc) => (await import('./commands/read.ts')).paragraphs(doc));

program.command('search').description('find sentences by their words, in the original or in English (exit 1: no hits)')
  .argument('<query>', 'words (all must occur; case and accents ignored), "a phrase", or a prefix*')
  .addOption(new Option('--lang <lang>', 'only documents in this language').choices([...LANGS]))
  .addOption(new Option('--side <side>', 'look in the original, the English, or both').choices([...SEARCH_SIDES]).default('both'))
  .option('--limit <n>', 'most hits to show', '50')
  .action(async (text, flags) => (await import('./commands/search.ts')).search(text, flags));

const tm = program.command('tm').description('translation memory');
tm.command('import').description('import a memory: TMX 1.4, TSV (source<TAB>english), or line-aligned text with --english')
  .argument('<file>')
  .addOption(new Option('--lang <lang>', 'source language (required for TSV and line-aligned files)').choices([...SOURCE_LANGS]))
  .option('--english <file>', 'line-aligned English file: line N translates line N of FILE')
  .action(async (file, flags) => (await import('./commands/tm.ts')).importMemory(file, flags));

program.command('import-pairs').description('import a bilingual TMX (such as a de-nl export) as a parallel corpus: two documents per language pair and an accepted 1-1 alignment')
  .argument('<file>')
  .action(async (file) => (await import('./commands/import-pairs.ts')).importPairs(file));

program.command('export').description('write reviewed bilingual pairs as TMX, TSV, JSONL or XLIFF')
  .addOption(new Option('--format <format>', 'file format (default: from --out\'s extension, else tmx)').choices([...EXPORT_FORMATS]))
  .option('--out <file>', 'file to write (written under a temporary name, renamed when complete; default tandem-pairs.<format>)')
  .option('--pair <pair>', 'language pair of the units: auto (each alignment\'s own pair, two languages per unit), X-Y such as de-en or de-nl, or all (every side in one unit)', 'auto')
  .addOption(new Option('--status <status>', 'review status to include').choices(['accepted', 'all', 'exclude-rejected']).default('accepted'))
  .option('--min-score <x>', 'lowest bead score to include')
  .option('--lang <langs>', `only pairs with these source languages (${SOURCE_LANGS.join(', ')})`, langList)
  .option('--story <id>', 'only alignments inside this story (an id from `tandem stories`)')
  .option('--doc <ids>', 'only alignments involving these document ids', docList)
  .action(async (flags) => (await import('./commands/export.ts')).exportPairs(flags));

const models = program.command('models').description('translation models');
models.command('list').description('installed and missing models')
  .action(async () => (await import('./commands/models.ts')).list());
models.command('verify').description('check every model file against its sha256')
  .addOption(new Option('--lang <lang>').choices([...SOURCE_LANGS]))
  .action(async (flags) => (await import('./commands/models.ts')).verify(flags));
models.command('fetch').description('download the pinned model files (needs network)')
  .addOption(new Option('--lang <lang>').choices([...SOURCE_LANGS]))
  .option('--base-url <url>', 'mirror to download from instead of the model hub')
  .addOption(new Option('--variant <variant>', 'which ONNX files: fp32, or q8 (the published int8 files: ~4x smaller, faster on CPU)').choices([...MODEL_VARIANTS]).default('fp32'))
  .action(async (flags) => (await import('./commands/models.ts')).fetch(flags));
models.command('add').description('side-load a model folder copied from elsewhere').argument('<dir>')
  .addOption(new Option('--lang <lang>').choices([...SOURCE_LANGS]).makeOptionMandatory())
  .action(async (dir, flags) => (await import('./commands/models.ts')).add(dir, flags));
models.command('delete').description('delete an installed model (its translations stay in the memory)')
  .addOption(new Option('--lang <lang>').choices([...SOURCE_LANGS]).makeOptionMandatory())
  .action(async (flags) => (await import('./commands/models.ts')).remove(flags));

program.command('serve').description('serve the review UI and the api to a browser on 127.0.0.1 (Ctrl-C stops)')
  .option('--port <n>', 'port (default: a random free one)', '0')
  .option('--host <address>', 'loopback address to listen on', '127.0.0.1')
  .option('--open', 'open the page in the default browser')
  .action(async (flags) => (await import('./commands/serve.ts')).serve(flags));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof UsageError) {
    process.stderr.write(`tandem: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`tandem: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
