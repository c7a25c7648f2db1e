// Stage 2 of ingest for web pages: HTML -> title, date and plain-text paragraphs.
//
// Cost bounds: character references that stand for non-ASCII text (&#228; &auml;) are decoded
// in one linear pass before parsing (the parser makes one text node per reference: 6.8 MB of
// &#228; was a million nodes, 1 GB). A page with more tags and references than a DOM should
// hold, or nested deeper than the parser handles in linear time, is not parsed at all: its text
// is taken by a linear scan of the markup, with a warning. Readability, which copies and rescans
// the page several times, only sees pages of reasonable size.
//
// The markup is parsed by linkedom (a real HTML parser; nothing is ever executed or fetched). The
// article body is found by @mozilla/readability, run on a sanitized re-serialization of the page
// (allow-listed tags, no attributes but id/class/role/itemprop). If it finds nothing, the page's
// own block elements are used, minus navigation, asides and footers. Text is only ever read from
// text nodes, so scripts, event-handler attributes and javascript: URLs never reach the output.
import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { IngestError } from './errors.ts';

export interface HtmlExtract {
  title: string | null;
  paragraphs: string[];
  /** Publication date from the page metadata (article:published_time, JSON-LD...), ISO 8601. */
  date: string | null;
  /** Non-fatal problems, each naming the file (a page too large for article extraction). */
  warnings: string[];
}

/** Minimal structural view of the linkedom DOM (the project does not load the DOM lib types). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
}
interface DomElement extends DomNode {
  localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
/** Only getters that do not modify the tree (linkedom's `head`, `body` and `title` insert elements). */
interface DomDocument extends DomElement {
  documentElement: DomElement | null;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const FRAGMENT_NODE = 11;

/** Readability recurses over the tree; past this depth it could overflow the stack. */
const MAX_READABILITY_DEPTH = 200;
/** Readability gives up (throws) on pages with more elements than this; we fall back instead.
 *  Its cost is about 4 KB and 40 µs an element (50k elements: 200 MB, 2 s). */
const MAX_READABILITY_ELEMENTS = 30_000;
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

/** Elements whose content is never text for the reader. */
const NEVER_TEXT = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'applet', 'param', 'svg', 'math', 'canvas', 'audio', 'video', 'source', 'track', 'img', 'picture',
  'map', 'area', 'button', 'select', 'option', 'optgroup', 'datalist', 'textarea', 'input', 'head',
  'title', 'meta', 'link', 'base', 'dialog',
]);

/** Page chrome skipped when we have to fall back to the whole body. */
const CHROME = new Set(['nav', 'aside', 'footer', 'form', 'menu']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar']);

/** Elements that start and end a paragraph. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

const HTML_EXTENSIONS = /\.(?:html?|xhtml|xht|shtml)$/i;

/**
 * True when the text is an HTML document: by file extension when a name is given, otherwise (or
 * additionally) by content that starts with a doctype or an <html> tag (after an optional BOM,
 * XML declaration and comments).
 */
export function looksLikeHtml(text: string, fileName?: string): boolean {
  if (fileName && HTML_EXTENSIONS.test(fileName)) return true;
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  return /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html[\s>]|<html[\s>])/i.test(head);
}

export function htmlToParagraphs(input: string, fileName: string): HtmlExtract {
  const html = decodeTextReferences(input);
  const { items, depth: nesting, work } = surveyMarkup(html);
  if (items > MAX_MARKUP_ITEMS || nesting > MAX_PARSE_DEPTH || work > MAX_PARSE_WORK) {
    const why = items > MAX_MARKUP_ITEMS
      ? `over ${MAX_MARKUP_ITEMS} tags and character references`
      : nesting > MAX_PARSE_DEPTH
        ? `elements nested about ${nesting} deep; the limit is ${MAX_PARSE_DEPTH}`
        : `${work} steps of end-tag search for end tags that match no open element; the limit is ${MAX_PARSE_WORK}`;
    return {
      ...scanMarkup(html),
      warnings: [
        `${fileName}: page too large to analyse as HTML (${why}): ` +
          'its text was read from the markup directly, without separating the article from the page around it',
      ],
    };
  }
  let document: DomDocument;
  try {
    document = parse(html);
  } catch (err) {
    throw new IngestError('unreadable', `${fileName}: could not parse HTML: ${(err as Error).message}`);
  }
  // linkedom keeps the tree as written (it does not move stray content into <body> the way a
  // browser does), so the whole document is walked; <head> content is never text.
  const date = findDate(document);
  const metaTitle = findTitle(document);

  const { depth, elements, text } = measure(document);
  let paragraphs: string[] = [];
  let title: string | null = null;
  if (depth <= MAX_READABILITY_DEPTH && elements <= MAX_READABILITY_ELEMENTS && text <= MAX_READABILITY_TEXT) {
    const article = runReadability(sanitize(document, metaTitle));
    if (article) {
      paragraphs = article.paragraphs;
      title = article.title;
    }
  }
  // Readability found nothing, or (on a small page, where its scoring is unreliable) less than
  // half of the page's text: use the page's blocks, minus navigation, asides and footers.
  const fallback = collectParagraphs(document, true);
  const found = totalLength(paragraphs);
  if (found === 0 || (found < 500 && found * 2 < totalLength(fallback))) {
    paragraphs = fallback;
  }
  return { title: preferHeadline(clean(title) ?? metaTitle, document), paragraphs, date, warnings: [] };
}

function parse(html: string): DomDocument {
  return (parseHTML(html) as unknown as { document: DomDocument }).document;
}

/** Tags copied into the document Readability sees; any other element is unwrapped (its
 *  children kept), and everything in NEVER_TEXT or hidden is left out. */
const SAFE_TAGS = new Set([
  ...[...BLOCK].filter((t) => t !== 'html' && t !== 'body' && t !== 'form' && t !== 'fieldset' && t !== 'legend'),
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i',
  'ins', 'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup',
  'time', 'tt', 'u', 'var', 'wbr',
]);
const VOID_TAGS = new Set(['br', 'hr', 'wbr']);
/** Attributes Readability uses to score and prune; all others (href, src, on*, style) are dropped. */
const SAFE_ATTRIBUTES = ['id', 'class', 'role', 'itemprop'];

/**
 * Re-serializes the page as plain, well-formed HTML for Readability: allow-listed tags with only
 * id/class/role/itemprop attributes, text escaped, no scripts, styles, foreign content (SVG,
 * MathML), CDATA or nested documents. Readability loops forever on some malformed linkedom trees
 * (e.g. `<![CDATA[<svg>--><!doctype html>` in a body); on this input it cannot. Iterative.
 */
function sanitize(document: DomDocument, title: string | null): string {
  const out: string[] = ['<!DOCTYPE html><html><head><title>', escapeText(title ?? ''), '</title></head><body>'];
  const stack: (DomNode | string)[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (typeof node === 'string') {
      out.push(node);
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      out.push(escapeText(node.textContent ?? ''));
      continue;
    }
    if (node.nodeType === DOCUMENT_NODE || node.nodeType === FRAGMENT_NODE) {
      pushChildren(stack, node);
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as DomElement;
    const tag = (el.localName || el.nodeName).toLowerCase();
    if (NEVER_TEXT.has(tag) || isHidden(el)) continue;
    if (!SAFE_TAGS.has(tag)) {
      pushChildren(stack, el); // unwrap: html, body, custom elements, forms...
      continue;
    }
    let attrs = '';
    for (const name of SAFE_ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value) attrs += ` ${name}="${escapeAttribute(value)}"`;
    }
    out.push(`<${tag}${attrs}>`);
    if (VOID_TAGS.has(tag)) continue;
    stack.push(`</${tag}>`);
    pushChildren(stack, el);
  }
  out.push('</body></html>');
  return out.join('');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/** "Headline | Site" in <title> but "Headline" in the page's <h1>: the h1 is the cleaner title. */
function preferHeadline(title: string | null, doc: DomDocument): string | null {
  const h1 = clean(doc.querySelector('article h1, main h1, h1')?.textContent ?? null);
  if (!h1) return title;
  if (!title) return h1;
  return h1.length < title.length && h1.split(' ').length >= 3 && title.includes(h1) ? h1 : title;
}

function runReadability(cleanHtml: string): { title: string | null; paragraphs: string[] } | null {
  try {
    const reader = new Readability(parse(cleanHtml) as never, {
      serializer: (node: unknown) => node,
      maxElemsToParse: MAX_READABILITY_ELEMENTS,
      charThreshold: 200,
    });
    const result = reader.parse();
    if (!result || !result.content) return null;
    return { title: result.title ?? null, paragraphs: collectParagraphs(result.content as DomNode, false) };
  } catch {
    return null; // the caller falls back to the page's blocks
  }
}

/**
 * Paragraphs from block elements: the text of each run of inline content between block
 * boundaries (so a <div> with direct text counts, and <p>s nested in a <blockquote> stay
 * separate), whitespace collapsed. Two consecutive <br> also end a paragraph. Iterative, so any
 * nesting depth is safe.
 */
function collectParagraphs(root: DomNode, skipChrome: boolean): string[] {
  const out: string[] = [];
  let buf = '';
  let brRun = 0;
  const flush = (): void => {
    const text = buf.replace(/\s+/g, ' ').trim();
    if (text) out.push(text);
    buf = '';
    brRun = 0;
  };
  const FLUSH = null;
  const stack: (DomNode | null)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === FLUSH) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      const data = node.textContent ?? '';
      buf += data;
      if (/\S/.test(data)) brRun = 0;
      continue;
    }
    if (node.nodeType === DOCUMENT_NODE || node.nodeType === FRAGMENT_NODE) {
      pushChildren(stack, node);
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue; // comments, doctype, processing instructions
    const el = node as DomElement;
    const tag = (el.localName || el.nodeName).toLowerCase();
    if (NEVER_TEXT.has(tag) || isHidden(el)) continue;
    if (skipChrome && isChrome(el, tag)) continue;
    if (tag === 'br') {
      brRun++;
      if (brRun >= 2) flush();
      else buf += ' ';
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) {
      flush();
      stack.push(FLUSH);
    }
    pushChildren(stack, el);
  }
  flush();
  return out;
}

/** Children in reverse, so that popping the stack visits them in document order. */
function pushChildren<T>(stack: (DomNode | T)[], node: DomNode): void {
  const children = node.childNodes;
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i];
    if (child) stack.push(child);
  }
}

function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function isChrome(el: DomElement, tag: string): boolean {
  if (CHROME.has(tag)) return true;
  const role = el.getAttribute('role');
  if (role && CHROME_ROLES.has(role.toLowerCase())) return true;
  if (tag === 'header') {
    // A page header is chrome; an article's own header holds its headline. (Looked for a few
    // levels up only: a page of many deeply nested headers must not cost depth times headers.)
    let levels = 0;
    for (let p = el.parentNode; p && levels < MAX_READABILITY_DEPTH; p = p.parentNode, levels++) {
      const name = p.nodeName.toLowerCase();
      if (name === 'article' || name === 'main') return false;
    }
    return true;
  }
  return false;
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

// ---------------------------------------------------------------------------------------------
// Character references and the linear fallback

/** Named references resolved so far (null: not a reference); bounded, see resolveNames. */
const NAMED = new Map<string, string | null>();
const MAX_NAMES_PER_PAGE = 4096;

/**
 * Replaces the character references that stand for non-ASCII characters (&#228; &#xE4; &auml;
 * &nbsp; &bdquo;) with those characters, in one linear pass. They can never be markup, in text or
 * in an attribute, so the parsed page is the same, without a text node per reference. References
 * to ASCII (&lt; &amp; &quot; &#60; &#97;) are left for the parser: they may be markup.
 */
function decodeTextReferences(html: string): string {
  return rewriteReferences(html, false);
}

/** All references decoded, for text read without a parser. */
function decodeAllReferences(text: string): string {
  return rewriteReferences(text, true);
}

function rewriteReferences(text: string, all: boolean): string {
  if (!text.includes('&')) return text;
  const unknown = new Set<string>();
  const once = rewritePass(text, all, unknown);
  if (unknown.size === 0) return once;
  resolveNames(unknown);
  return rewritePass(once, all, null);
}

/**
 * One pass: numeric references (the semicolon is optional, as in HTML) and named references with
 * their semicolon whose character is known. Names not known yet are collected in `unknown`.
 * The output is built in chunks, never as one array of a million pieces.
 */
function rewritePass(text: string, all: boolean, unknown: Set<string> | null): string {
  const chunks: string[] = [];
  let parts: string[] = [];
  let last = 0;
  const n = text.length;
  for (let i = text.indexOf('&'); i !== -1 && i < n; i = text.indexOf('&', i + 1)) {
    let j = i + 1;
    let ch: string | null | undefined = null;
    const c = text.charCodeAt(j);
    if (c === 0x23 /* # */) {
      j++;
      const hex = text.charCodeAt(j) === 0x78 || text.charCodeAt(j) === 0x58;
      if (hex) j++;
      const digitsStart = j;
      let value = 0;
      for (;;) {
        const d = text.charCodeAt(j);
        const v = d >= 0x30 && d <= 0x39 ? d - 0x30 : hex && d >= 0x61 && d <= 0x66 ? d - 0x57 : hex && d >= 0x41 && d <= 0x46 ? d - 0x37 : -1;
        if (v < 0) break;
        value = Math.min(value * (hex ? 16 : 10) + v, 0x110000);
        j++;
      }
      if (j === digitsStart) continue; // "&#" without digits
      if (text.charCodeAt(j) === 0x3b) j++;
      ch = numericReference(value);
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      while (j - i <= 32) {
        const d = text.charCodeAt(j);
        if (!((d >= 0x30 && d <= 0x39) || (d >= 0x41 && d <= 0x5a) || (d >= 0x61 && d <= 0x7a))) break;
        j++;
      }
      if (text.charCodeAt(j) !== 0x3b) continue; // named references are only read with ";"
      const name = text.slice(i + 1, j);
      j++;
      ch = NAMED.get(name);
      if (ch === undefined && unknown && unknown.size < MAX_NAMES_PER_PAGE) unknown.add(name);
    } else continue;
    if (!ch || (!all && ch.charCodeAt(0) < 0x80)) continue;
    if (i > last) parts.push(text.slice(last, i));
    parts.push(ch);
    last = j;
    i = j - 1;
    if (parts.length >= 8192) {
      chunks.push(parts.join(''));
      parts = [];
    }
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  chunks.push(parts.join(''));
  return chunks.join('');
}

/** A numeric character reference as HTML decodes it: 0, surrogates and values past U+10FFFF are
 *  U+FFFD, 0x80-0x9F are windows-1252 (&#150; is an en dash). */
function numericReference(cp: number): string {
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
  if (cp >= 0x80 && cp <= 0x9f) {
    const w = iconv.decode(Buffer.from([cp]), 'windows-1252');
    return w === '\uFFFD' ? String.fromCharCode(cp) : w;
  }
  return String.fromCodePoint(cp);
}

/** Looks up named references not seen before, all at once, through the HTML parser's own table:
 *  a tiny document with one element per name. */
function resolveNames(unknown: Set<string>): void {
  if (NAMED.size > 20_000) NAMED.clear(); // only made-up names get this far
  const names = [...unknown];
  const doc = parse(`<html><body>${names.map((n) => `<b>&${n};</b>`).join('')}</body></html>`);
  const cells = doc.querySelectorAll('b');
  names.forEach((name, i) => {
    const text = cells[i]?.textContent ?? '';
    // A real reference is one or two code points; "&notit;" reads as "¬it;" (a prefix): no.
    const ok = text !== `&${name};` && [...text].length <= 2 && !text.includes(';') && !text.includes('&');
    NAMED.set(name, ok ? text : null);
  });
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

/** Elements whose content is raw text up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * The page's text by a linear scan of the markup, for pages too large to parse: text between
 * tags, paragraphs at block elements and double <br>, without the content of scripts, styles,
 * other NEVER_TEXT elements, hidden elements and page chrome (nav, aside, footer, form). Each
 * end tag is searched for once per position, so the scan stays linear on any input.
 */
function scanMarkup(html: string): Omit<HtmlExtract, 'warnings'> {
  const out: string[] = [];
  let buf: string[] = [];
  let brRun = 0;
  const flush = (): void => {
    const text = decodeAllReferences(buf.join('')).replace(/\s+/g, ' ').trim();
    if (text) out.push(text);
    buf = [];
    brRun = 0;
  };
  /** Per tag name, the position from which no end tag follows (so it is not searched again). */
  const noEndAfter = new Map<string, number>();
  const endTags = new Map<string, RegExp>();
  const endOf = (tag: string, from: number): number => {
    const none = noEndAfter.get(tag);
    if (none !== undefined && from >= none) return -1;
    let re = endTags.get(tag);
    if (!re) {
      re = new RegExp(`</${tag.replace(/[^a-z0-9-]/g, '')}[\\s/>]`, 'gi');
      endTags.set(tag, re);
    }
    re.lastIndex = from;
    const m = re.exec(html);
    if (!m) {
      noEndAfter.set(tag, Math.min(from, none ?? from));
      return -1;
    }
    const close = html.indexOf('>', m.index);
    return close === -1 ? html.length : close + 1;
  };
  let pos = 0;
  const n = html.length;
  while (pos < n) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) {
      buf.push(html.slice(pos));
      break;
    }
    if (lt > pos) {
      const text = html.slice(pos, lt);
      buf.push(text);
      if (/\S/.test(text)) brRun = 0;
    }
    const next = html.charCodeAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      pos = end === -1 ? n : end + 3;
      continue;
    }
    const isTag = (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || next === 0x2f || next === 0x21 || next === 0x3f;
    if (!isTag) {
      buf.push('<');
      pos = lt + 1;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) break; // an unterminated tag: the rest is not text
    pos = gt + 1;
    if (next === 0x21 || next === 0x3f) continue; // doctype, CDATA, processing instruction
    const closing = next === 0x2f;
    const m = /^[A-Za-z][^\s/>]*/.exec(html.slice(lt + (closing ? 2 : 1), Math.min(gt, lt + 64)));
    if (!m) continue;
    const tag = m[0].toLowerCase();
    if (closing) {
      if (BLOCK.has(tag)) flush();
      continue;
    }
    const attrs = html.slice(lt + 1 + m[0].length, gt);
    if (RAW_TEXT.has(tag)) {
      const end = endOf(tag, pos);
      pos = end === -1 ? n : end;
      continue;
    }
    if (VOID.has(tag)) {
      if (tag === 'br') {
        brRun++;
        if (brRun >= 2) flush();
        else buf.push(' ');
      } else if (BLOCK.has(tag)) flush();
      continue;
    }
    const hidden = /(?:^|\s)hidden(?:[\s=>/]|$)|aria-hidden\s*=\s*["']?true|display\s*:\s*none|visibility\s*:\s*hidden/i.test(attrs);
    const role = /\brole\s*=\s*["']?([a-z]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (NEVER_TEXT.has(tag) || CHROME.has(tag) || hidden || (role !== undefined && CHROME_ROLES.has(role))) {
      const end = endOf(tag, pos);
      if (end !== -1) pos = end; // no end tag: only the tag itself is dropped
      continue;
    }
    if (BLOCK.has(tag)) flush();
  }
  flush();
  const head = html.slice(0, 256 * 1024);
  const title = clean(decodeAllReferences(/<title[^>]*>([^<]*)<\/title/i.exec(head)?.[1] ?? ''));
  const date = toIso(/<meta\s[^>]*?(?:property|name)\s*=\s*["']article:published_time["'][^>]*?content\s*=\s*["']([^"']+)["']/i.exec(head)?.[1] ?? null);
  return { title, paragraphs: out, date };
}

// ---------------------------------------------------------------------------------------------
// Metadata

function findTitle(doc: DomDocument): string | null {
  return (
    clean(metaContent(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]'])) ??
    clean(doc.querySelector('title')?.textContent ?? null) ??
    clean(doc.querySelector('h1')?.textContent ?? null)
  );
}

const DATE_SELECTORS = [
  'meta[property="article:published_time"]',
  'meta[property="og:article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="publish-date"]',
  'meta[name="date"]',
  'meta[name="DC.date.issued"]',
  'meta[name="dc.date.issued"]',
  'meta[name="DC.date"]',
  'meta[name="dcterms.date"]',
  'meta[name="dcterms.created"]',
  'meta[name="parsely-pub-date"]',
  'meta[name="sailthru.date"]',
];

function findDate(doc: DomDocument): string | null {
  for (const selector of DATE_SELECTORS) {
    const iso = toIso(metaContent(doc, [selector]));
    if (iso) return iso;
  }
  const time = doc.querySelector('time[itemprop="datePublished"], time[pubdate]');
  const fromTime = toIso(time?.getAttribute('datetime') ?? null);
  if (fromTime) return fromTime;
  // JSON-LD is data, not code: it is read with JSON.parse and never executed.
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    const found = toIso(findJsonLdDate(scripts[i]?.textContent ?? ''));
    if (found) return found;
  }
  return null;
}

function findJsonLdDate(json: string): string | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  const queue: unknown[] = [data];
  for (let seen = 0; queue.length > 0 && seen < 1000; seen++) {
    const item = queue.shift();
    if (Array.isArray(item)) queue.push(...item);
    else if (item && typeof item === 'object') {
      const rec = item as Record<string, unknown>;
      if (typeof rec['datePublished'] === 'string') return rec['datePublished'];
      if (rec['@graph']) queue.push(rec['@graph']);
    }
  }
  return null;
}

function metaContent(doc: DomDocument, selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = doc.querySelector(selector)?.getAttribute('content');
    if (value && value.trim()) return value.trim();
  }
  return null;
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Keeps a valid ISO 8601 value as written (its local offset matters for the event date);
 *  other parseable dates are converted to UTC ISO. */
function toIso(value: string | null): string | null {
  if (!value) return null;
  const v = value.trim();
  if (ISO_RE.test(v)) {
    const normalized = v.replace(' ', 'T');
    return Number.isNaN(Date.parse(normalized.length === 10 ? `${normalized}T00:00:00Z` : normalized)) ? null : normalized;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function clean(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.replace(/\s+/g, ' ').trim();
  return t || null;
}

function totalLength(paragraphs: string[]): number {
  let n = 0;
  for (const p of paragraphs) n += p.length;
  return n;
}
