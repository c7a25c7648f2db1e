// What deleting documents removes, and how that is said to the analyst: one wording for the CLI's
// confirmation and the Library's. No zod here: the review UI imports this file as it is.

/** What deleting some documents removes (or would remove). */
export interface DeletionCounts {
  documents: number;
  sentences: number;
  alignments: number;
  /** Analyst decisions in those alignments (the review log, undone steps excluded). */
  reviewDecisions: number;
  /** Analyst story decisions (confirm, reject, move) naming one of the documents. */
  storyDecisions: number;
  matches: number;
  /** Repeated passages found within or with the documents. */
  passages: number;
  /** Rows of story membership (a document in the event view and in the story view counts twice). */
  storyMemberships: number;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "2 documents (54 sentences)" and what goes with them, every number said even when it is 0:
 * "3 alignments, 12 review decisions, 1 story decision, 4 matches, 2 repeated passages and
 * 2 story memberships go with them. The translation memory stays."
 */
export function describeDeletion(c: DeletionCounts): { what: string; with: string } {
  const withThem = [
    count(c.alignments, 'alignment'),
    count(c.reviewDecisions, 'review decision'),
    count(c.storyDecisions, 'story decision'),
    count(c.matches, 'match', 'matches'),
    count(c.passages, 'repeated passage'),
    count(c.storyMemberships, 'story membership'),
  ];
  const last = withThem.pop()!;
  return {
    what: `${count(c.documents, 'document')} (${count(c.sentences, 'sentence')})`,
    with: `${withThem.join(', ')} and ${last} go with ${c.documents === 1 ? 'it' : 'them'}. The translation memory stays.`,
  };
}
