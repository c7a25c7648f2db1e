// Marian models read at most ~512 tokens and degrade well before that, so an over-long sentence
// is cut at clause boundaries, translated piecewise and re-joined.

/** Cuts `text` into pieces of at most `limit` tokens, preferring clause boundaries, then words. */
export function splitLongSentence(text: string, countTokens: (s: string) => number, limit: number): string[] {
  if (countTokens(text) <= limit) return [text];
  // Clause boundaries: after ; : , or a dash, keeping the punctuation with the left piece.
  const clauses = text.split(/(?<=[;:,])\s+|\s+(?=[–—]\s)/u).filter((c) => c.trim());
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) pieces.push(current.trim());
    current = '';
  };
  for (const clause of clauses) {
    const candidate = current ? `${current} ${clause}` : clause;
    if (countTokens(candidate) <= limit) {
      current = candidate;
      continue;
    }
    flush();
    if (countTokens(clause) <= limit) {
      current = clause;
      continue;
    }
    // A single clause is still too long: fall back to word boundaries.
    for (const word of clause.split(/\s+/u)) {
      const next = current ? `${current} ${word}` : word;
      if (countTokens(next) <= limit || !current) current = next;
      else {
        flush();
        current = word;
      }
    }
  }
  flush();
  return pieces;
}
