// Released migration: never edit. Add a new numbered file instead.
// "Jobs" are the engine's in-memory long tasks (src/api/jobs.ts); this table only ever recorded
// translate runs, so it is named for them. Its kind column held 'translate' in every row that
// Tandem wrote, and goes.
export const sql = `
ALTER TABLE jobs RENAME TO translation_runs;
ALTER TABLE translation_runs DROP COLUMN kind;
`;
