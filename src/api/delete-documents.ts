// Deleting documents from the library: first what would go (for the confirmation), then the
// delete and the stories clustered again without the deleted documents, in one transaction, so
// no story keeps a member that is gone or a link that only ran through it.
// Translation memory stays.
import { ApiError, type DeletionCounts } from '../common/index.ts';
import type { Tandem } from './service.ts';

export interface DeleteDocumentsResult {
  /** False for a dry run: the counts say what a delete would remove. */
  deleted: boolean;
  documents: { id: number; title: string | null; fileName: string }[];
  counts: DeletionCounts;
}

export async function deleteDocuments(t: Tandem, ids: readonly number[], options: { dryRun?: boolean } = {}): Promise<DeleteDocumentsResult> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  const documents: DeleteDocumentsResult['documents'] = [];
  const missing: number[] = [];
  for (const id of unique) {
    const d = await t.store.document(id);
    if (d) documents.push({ id, title: d.title, fileName: d.fileName });
    else missing.push(id);
  }
  if (missing.length) throw new ApiError('not_found', `No document ${missing.join(', ')}: nothing was deleted`);
  if (options.dryRun) return { deleted: false, documents, counts: await t.store.deletionCounts(unique) };
  const counts = await t.store.deleteDocuments(unique, () => t.recluster());
  return { deleted: true, documents, counts };
}
