// Character classes of the splitter: spaces, quotes and brackets around sentence ends, and the
// shapes of tokens.

/** Same set as String.prototype.trim / \s. */
export function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Closing quotes/brackets that may follow sentence-final punctuation. */
export const CLOSERS = '"\'”“’‘»«›‹)]';
/** Anything that may precede the first letter of a token. */
export const LEADERS = '"\'„‚“”‘’»«›‹([{¿¡';
export const TRAILERS = ',;:)]}"\'”“’‘»«›‹!?';
export const UPPER = /^\p{Lu}/u;
export const LOWER = /^\p{Ll}/u;
export const LETTERS = /^\p{L}+/u;
export const NUMBER_DOT = /^\d{1,3}\.$/;
export const DOTTED = /^(?:\p{L}{1,4}\.){2,}$/u;
export const INITIAL = /^\p{Lu}\.$/u;
export const DIGIT = /^\d/;
