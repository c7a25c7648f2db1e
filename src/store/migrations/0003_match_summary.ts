// Released migration: never edit. Add a new numbered file instead.
// A match says in one sentence why it has its level, and names the roundup when one of the two
// documents contains the other (a "contains" relation, never a story link). Matches computed by
// an older Tandem have no summary: the next match run computes them again (their fingerprints
// carry an older version).
export const sql = `
ALTER TABLE matches ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE matches ADD COLUMN container INTEGER REFERENCES documents (id) ON DELETE CASCADE;
`;
