// Story clusters as last computed, and the analyst's decisions about them.
import type { Connection } from './db.ts';

export type StoryDecision = { kind: 'confirm' | 'reject'; a: number; b: number } | { kind: 'move'; doc: number; story: string };

export class Stories {
  constructor(private readonly db: Connection) {}

  /** Replaces the computed story membership of one view. */
  saveStories(level: 'event' | 'story', stories: { id: string; documents: number[] }[]): Promise<void> {
    return this.db.transaction(async () => {
      await this.db.run('DELETE FROM story_members WHERE level = ?', [level]);
      for (const s of stories) {
        for (const d of s.documents) await this.db.run('INSERT INTO story_members (level, story_id, document_id) VALUES (?, ?, ?)', [level, s.id, d]);
      }
    });
  }

  async stories(level: 'event' | 'story'): Promise<{ id: string; documents: number[] }[]> {
    const rows = await this.db.all<{ story_id: string; document_id: number }>(
      'SELECT story_id, document_id FROM story_members WHERE level = ? ORDER BY story_id, document_id',
      [level],
    );
    const out = new Map<string, number[]>();
    for (const r of rows) out.set(r.story_id, [...(out.get(r.story_id) ?? []), r.document_id]);
    return [...out].map(([id, documents]) => ({ id, documents }));
  }

  async addStoryDecision(d: StoryDecision): Promise<number> {
    const { lastID } = await this.db.run(
      'INSERT INTO story_decisions (kind, a, b, story_id) VALUES (?, ?, ?, ?)',
      d.kind === 'move' ? ['move', d.doc, null, d.story] : [d.kind, Math.min(d.a, d.b), Math.max(d.a, d.b), null],
    );
    return lastID;
  }

  async storyDecisions(): Promise<StoryDecision[]> {
    const rows = await this.db.all<{ kind: 'confirm' | 'reject' | 'move'; a: number; b: number | null; story_id: string | null }>(
      'SELECT kind, a, b, story_id FROM story_decisions ORDER BY id',
    );
    return rows.map((r) => (r.kind === 'move' ? { kind: 'move', doc: r.a, story: r.story_id! } : { kind: r.kind, a: r.a, b: r.b! }));
  }

  /** Whether a story id (event "e..." or story "s...") exists. */
  async storyExists(storyId: string): Promise<boolean> {
    return (await this.db.get<{ n: number }>('SELECT count(*) AS n FROM story_members WHERE story_id = ?', [storyId]))!.n > 0;
  }
}
