// The record of translate runs (table jobs): how far each got and how it ended.
import type { Connection } from './db.ts';

export class TranslationRuns {
  constructor(private readonly db: Connection) {}

  async startJob(kind: string, total: number): Promise<number> {
    return (await this.db.run(`INSERT INTO jobs (kind, status, total) VALUES (?, 'running', ?)`, [kind, total])).lastID;
  }

  async updateJob(id: number, done: number): Promise<void> {
    await this.db.run('UPDATE jobs SET done = ? WHERE id = ?', [done, id]);
  }

  async finishJob(id: number, status: 'done' | 'failed' | 'cancelled', detail?: string): Promise<void> {
    await this.db.run(
      `UPDATE jobs SET status = ?, detail = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
      [status, detail ?? null, id],
    );
  }

  async jobs(): Promise<{ id: number; kind: string; status: string; total: number; done: number; detail: string | null }[]> {
    return this.db.all('SELECT id, kind, status, total, done, detail FROM jobs ORDER BY id');
  }
}
