// A thin promise wrapper over one sqlite3 connection. Private to src/store: the rest of the
// engine talks to the Store in ./index.ts, never to SQL.
import sqlite3 from 'sqlite3';

export type Params = Record<string, unknown> | unknown[];

export class Connection {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly raw: sqlite3.Database) {}

  static open(path: string): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const raw = new sqlite3.Database(path, (err) => {
        if (err) reject(new Error(`Cannot open database ${path}: ${err.message}`));
        else resolve(new Connection(raw));
      });
    });
  }

  run(sql: string, params: Params = []): Promise<{ lastID: number; changes: number }> {
    return new Promise((resolve, reject) => {
      this.raw.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ lastID: this.lastID, changes: this.changes });
      });
    });
  }

  get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.raw.get(sql, params, (err: Error | null, row: T | undefined) => (err ? reject(err) : resolve(row)));
    });
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.raw.all(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  /**
   * Runs `work` inside BEGIN IMMEDIATE ... COMMIT. Transactions are queued: one connection can
   * hold only one transaction, and interleaved async callers would otherwise share it.
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      await this.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        await this.exec('COMMIT');
        return result;
      } catch (err) {
        await this.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve())));
  }
}
