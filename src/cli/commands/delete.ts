// `tandem delete DOC... [--yes]`: deletes documents with their alignments, decisions, matches and
// story memberships (the translation memory stays). Without --yes it says what would go and asks
// on a terminal; elsewhere (a script, a pipe) it deletes nothing and says to add --yes.
import { createInterface } from 'node:readline/promises';
import { describeDeletion } from '../../common/deletion.ts';
import { query, withTandem } from '../engine.ts';
import { documentId, print } from '../shared.ts';

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function deleteDocuments(docs: string[], flags: { yes?: boolean }): Promise<void> {
  const ids = docs.map(documentId);
  const result = await withTandem(async (t) => {
    const preview = await query(t, 'deleteDocuments', { ids, dryRun: true });
    const said = describeDeletion(preview.counts);
    const names = preview.documents.map((d) => `#${d.id} ${d.title ?? d.fileName}`).join('\n  ');
    if (!flags.yes) {
      const question = `Delete ${said.what}?\n  ${names}\n${said.with}\nDelete? [y/N] `;
      if (!process.stdin.isTTY) {
        process.stderr.write(`tandem: would delete ${said.what}:\n  ${names}\n${said.with}\nNothing deleted: run again with --yes to delete.\n`);
        process.exitCode = 1;
        return null;
      }
      if (!(await ask(question))) {
        process.stderr.write('Nothing deleted.\n');
        return null;
      }
    }
    return query(t, 'deleteDocuments', { ids });
  });
  if (!result) return;
  const said = describeDeletion(result.counts);
  print(result, () => `deleted ${said.what}; ${said.with.replace(' go with', ' went with')}`);
}
