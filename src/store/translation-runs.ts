// The record of translate runs: how far each got and how it ended. (A "job" is something else:
// the engine's in-memory long task, src/api/jobs.ts, of which a translate run is one kind.)
import type { Connection } from './db.ts';

export interface TranslationRun {
  id: number;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  total: number;
  done: number;
  detail: string | null;
}

export class TranslationRuns {
  constructor(private readonly db: Connection) {}

  async startTranslationRun(total: number): Promise<number> {
    return (await this.db.run(`INSERT INTO translation_runs (status, total) VALUES ('running', ?)`, [total])).lastID;
  }

  async updateTranslationRun(id: number, done: number): Promise<void> {
    await this.db.run('UPDATE translation_runs SET done = ? WHERE id = ?', [done, id]);
  }

  async finishTranslationRun(id: number, status: 'done' | 'failed' | 'cancelled', detail?: string): Promise<void> {
    await this.db.run(
      `UPDATE translation_runs SET status = ?, detail = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
      [status, detail ?? null, id],
    );
  }

  async translationRuns(): Promise<TranslationRun[]> {
    return this.db.all('SELECT id, status, total, done, detail FROM translation_runs ORDER BY id');
  }
}
