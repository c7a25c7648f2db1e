// Cost bounds for hostile pages: what the parser and Readability may be given, measured before
// they run (the markup in one linear look, the parsed tree in one walk).
import { ELEMENT_NODE, TEXT_NODE, type DomElement, type DomNode } from './dom.ts';
import { NEVER_TEXT, VOID } from './tags.ts';

/** Readability recurses over the tree; past this depth it could overflow the stack. */
export const MAX_READABILITY_DEPTH = 200;
/** Readability gives up (throws) on pages with more elements than this; we fall back instead.
 *  Its cost is about 4 KB and 40 µs an element (50k elements: 200 MB, 2 s). */
export const MAX_READABILITY_ELEMENTS = 30_000;
/** Readability copies and rescans the text several times (16 bytes a character); a page with
 *  this much text (a hundred articles) is read block by block instead. */
const MAX_READABILITY_TEXT = 1_000_000;
/** Past this many tags and character references left after decoding (a DOM node costs about
 *  1 KB in linkedom), the page is scanned as text instead of parsed: about 150 MB at the limit. */
export const MAX_MARKUP_ITEMS = 200_000;
/** The parser's cost grows with the square of the nesting depth (its stack is an array it
 *  shifts): 20k levels take 0.3 s, 95k levels 6 s. Real pages nest a few dozen deep. */
export const MAX_PARSE_DEPTH = 20_000;
/** An end tag that matches no open element makes the parser search its whole stack: this many
 *  entries searched (about 0.1 s) and the page is scanned as text instead. */
export const MAX_PARSE_WORK = 100_000_000;

/** Why the page is not to be parsed at all (too many tags and references, nested too deep, too
 *  much end-tag search), or null when the parser may have it. */
export function tooLargeToParse(html: string): string | null {
  const { items, depth, work } = surveyMarkup(html);
  if (items > MAX_MARKUP_ITEMS) return `over ${MAX_MARKUP_ITEMS} tags and character references`;
  if (depth > MAX_PARSE_DEPTH) return `elements nested about ${depth} deep; the limit is ${MAX_PARSE_DEPTH}`;
  if (work > MAX_PARSE_WORK) return `${work} steps of end-tag search for end tags that match no open element; the limit is ${MAX_PARSE_WORK}`;
  return null;
}

/** Whether Readability may be run on the parsed page: shallow enough, and not too many elements
 *  or too much text for it. */
export function fitsReadability(document: DomNode): boolean {
  const { depth, elements, text } = measure(document);
  return depth <= MAX_READABILITY_DEPTH && elements <= MAX_READABILITY_ELEMENTS && text <= MAX_READABILITY_TEXT;
}

/** The parser's (htmlparser2's) rule for elements left open: an opening tag closes the element
 *  on top of the stack while it is one of these. */
const P_CLOSERS = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'];
const FORM_TAGS = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ...P_CLOSERS.map((t): [string, Set<string>] => [t, new Set(['p'])]),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t): [string, Set<string>] => [t, new Set(FORM_TAGS)]),
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
]);
/** Elements whose content the parser's tokenizer reads as raw text, and their end tags. */
const PARSER_RAW_TEXT = new Set(['script', 'style', 'title', 'textarea']);
const RAW_TEXT_END = new Map([...PARSER_RAW_TEXT].map((t) => [t, new RegExp(`</${t}[\\s/>]`, 'gi')]));

/**
 * One linear look at the markup before parsing: `items`, the tags (and stray "<") plus the
 * character references left, about the number of DOM nodes (counted up to just past the limit); `depth`, the deepest nesting of the
 * parser's stack, following its rules (implied closes, end tags closing what they match);
 * `work`, the stack entries the parser looks through for end tags that match nothing.
 */
function surveyMarkup(html: string): { items: number; depth: number; work: number } {
  let items = 0;
  for (let i = html.indexOf('&'); i !== -1 && items <= MAX_MARKUP_ITEMS; i = html.indexOf('&', i + 1)) items++;
  const stack: string[] = [];
  const open = new Map<string, number>();
  let deepest = 0;
  let work = 0;
  const pop = (): void => {
    const top = stack.pop()!;
    open.set(top, open.get(top)! - 1);
  };
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    if (++items > MAX_MARKUP_ITEMS) break; // too many for a DOM anyway
    const closing = html.charCodeAt(i + 1) === 0x2f;
    let j = i + (closing ? 2 : 1);
    const start = j;
    for (;;) {
      const c = html.charCodeAt(j);
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39 && j > start) || c === 0x2d)) break;
      j++;
    }
    if (j === start) continue;
    const tag = html.slice(start, j).toLowerCase();
    if (closing) {
      if (open.get(tag)) {
        while (stack.length > 0 && stack[stack.length - 1] !== tag) pop();
        pop();
      } else work += stack.length; // the parser searches its whole stack for it
      continue;
    }
    const closes = OPEN_IMPLIES_CLOSE.get(tag);
    if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1]!)) pop();
    if (VOID.has(tag)) continue;
    if (PARSER_RAW_TEXT.has(tag)) {
      const re = RAW_TEXT_END.get(tag)!;
      re.lastIndex = j;
      const end = re.exec(html);
      if (!end) break; // raw text to the end of the page
      i = end.index;
      continue;
    }
    stack.push(tag);
    open.set(tag, (open.get(tag) ?? 0) + 1);
    if (stack.length > deepest) deepest = stack.length;
  }
  return { items, depth: deepest, work };
}

/** Depth and element count of the tree, and the length of its text outside scripts, styles and
 *  the other elements that never hold text (what Readability will see). */
function measure(root: DomNode): { depth: number; elements: number; text: number } {
  let depth = 0;
  let elements = 0;
  let text = 0;
  const stack: [DomNode, number, boolean][] = [[root, 0, true]];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    const [node, d, readable] = top;
    if (node.nodeType === ELEMENT_NODE) elements++;
    if (d > depth) depth = d;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (!child) continue;
      if (child.nodeType === ELEMENT_NODE) {
        const tag = ((child as DomElement).localName || child.nodeName).toLowerCase();
        stack.push([child, d + 1, readable && !NEVER_TEXT.has(tag)]);
      } else if (child.nodeType === TEXT_NODE && readable) text += child.textContent?.length ?? 0;
    }
  }
  return { depth, elements, text };
}
