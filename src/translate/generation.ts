// How many tokens the Marian worker lets one batch generate; shared with the real-size benchmark,
// which feeds sentences of a fixed token length to a model that never emits EOS, so every sentence
// decodes exactly this many tokens.

/** Upper bound of new tokens for a batch whose longest input has `longestInputTokens` tokens. */
export function maxNewTokensFor(longestInputTokens: number): number {
  return Math.min(512, Math.ceil(longestInputTokens * 1.5) + 10);
}
