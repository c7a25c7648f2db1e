// The read-only listings: `tandem documents`, `sentences DOC`, `paragraphs DOC`.
import { documentStatusLabel } from '../../common/document-status.ts';
import { query, withTandem } from '../engine.ts';
import { documentId, print } from '../shared.ts';

export async function documents(): Promise<void> {
  const docs = await withTandem((t) => query(t, 'documents', {}), 'read');
  print(docs, () => docs.map((d) => `#${d.id} ${d.lang ?? d.detectedLang ?? '??'} ${documentStatusLabel(d).padEnd(16)} ${d.published ?? '          '}  ${d.title ?? d.fileName}`).join('\n') || 'no documents');
}

export async function sentences(doc: string): Promise<void> {
  const id = documentId(doc);
  const rows = await withTandem((t) => query(t, 'sentences', { id }), 'read');
  print(rows, () => rows.map((s) => `${String(s.index).padStart(4)} ¶${s.paragraph}  ${s.text}\n      → ${s.translation ?? '(not translated)'}`).join('\n'));
}

export async function paragraphs(doc: string): Promise<void> {
  const id = documentId(doc);
  const rows = await withTandem((t) => query(t, 'paragraphs', { id }), 'read');
  print(rows, () => rows.map((p) => `${String(p.index).padStart(4)} ${p.dropped ? `[set aside: ${p.dropped}] ` : ''}${p.text}`).join('\n'));
}
