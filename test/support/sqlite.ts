// Raw SQLite access for tests that check what is on disk, bypassing the Store on purpose: a
// database made by released migration SQL, or rows read after a process was killed.
import sqlite3 from 'sqlite3';

/** Runs SQL (several statements) on the file, creating it when missing, and closes it. */
export function rawExec(path: string, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, (err) => {
      if (err) return reject(err);
      db.exec(sql, (e) => db.close(() => (e ? reject(e) : resolve())));
    });
  });
}

/** Reads rows with a read-only connection of its own. */
export function rawQuery<T>(path: string, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const conn = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      conn.all(sql, (e: Error | null, rows: T[]) => {
        conn.close();
        if (e) reject(e);
        else resolve(rows);
      });
    });
  });
}
