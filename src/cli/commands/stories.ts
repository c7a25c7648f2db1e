// `tandem stories [list]`, `stories confirm|reject A B`, `stories move DOC STORY`.
import { query, withTandem } from '../engine.ts';
import { documentId, print } from '../shared.ts';

export async function list(): Promise<void> {
  const views = await withTandem((t) => query(t, 'stories', {}), 'read');
  print(views, () => views.story.map((s) => `${s.id}: ${s.documents.map((d) => `#${d}`).join(' ')}`).join('\n') || 'no stories yet: run `tandem match`');
}

export async function decide(kind: 'confirm' | 'reject', a: string, b: string): Promise<void> {
  const input = { kind, a: documentId(a), b: documentId(b) };
  const views = await withTandem((t) => query(t, 'decideStory', input));
  print(views, () => `${kind}ed; ${views.event.length} event clusters`);
}

export async function move(doc: string, story: string): Promise<void> {
  const input = { kind: 'move' as const, doc: documentId(doc), story };
  const views = await withTandem((t) => query(t, 'decideStory', input));
  print(views, () => `moved #${doc} to ${story}`);
}
