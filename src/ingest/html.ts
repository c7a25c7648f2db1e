// Stage 2 of ingest for web pages: HTML -> title, date and plain-text paragraphs.
//
// The markup is parsed by linkedom (a real HTML parser; nothing is ever executed or fetched). The
// article body is found by @mozilla/readability, run on a sanitized re-serialization of the page
// (allow-listed tags, no attributes but id/class/role/itemprop). If it finds nothing, the page's
// own block elements are used, minus navigation, asides and footers. Text is only ever read from
// text nodes, so scripts, event-handler attributes and javascript: URLs never reach the output.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { IngestError } from './errors.ts';

export interface HtmlExtract {
  title: string | null;
  paragraphs: string[];
  /** Publication date from the page metadata (article:published_time, JSON-LD...), ISO 8601. */
  date: string | null;
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
/** Readability gives up (throws) on pages with more elements than this; we fall back instead. */
const MAX_READABILITY_ELEMENTS = 50_000;

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

export function htmlToParagraphs(html: string, fileName: string): HtmlExtract {
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

  const { depth, elements } = measure(document);
  let paragraphs: string[] = [];
  let title: string | null = null;
  if (depth <= MAX_READABILITY_DEPTH && elements <= MAX_READABILITY_ELEMENTS) {
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
  return { title: preferHeadline(clean(title) ?? metaTitle, document), paragraphs, date };
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
    // A page header is chrome; an article's own header holds its headline.
    for (let p = el.parentNode; p; p = p.parentNode) {
      const name = p.nodeName.toLowerCase();
      if (name === 'article' || name === 'main') return false;
    }
    return true;
  }
  return false;
}

function measure(root: DomNode): { depth: number; elements: number } {
  let depth = 0;
  let elements = 0;
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    const [node, d] = top;
    if (node.nodeType === ELEMENT_NODE) elements++;
    if (d > depth) depth = d;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child && child.nodeType === ELEMENT_NODE) stack.push([child, d + 1]);
    }
  }
  return { depth, elements };
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
