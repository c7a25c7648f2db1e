// The linear fallback: a page's text read from its markup, for pages too large to parse.
import type { HtmlExtract } from './index.ts';
import { clean, toIso } from './metadata.ts';
import { decodeAllReferences } from './references.ts';
import { BLOCK, CHROME, CHROME_ROLES, NEVER_TEXT, VOID } from './tags.ts';

/** Elements whose content is raw text up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

/** Where the element's end tag ends, searched from `from`; -1 when there is none. */
type EndOf = (tag: string, from: number) => number;

/**
 * The page's text by a linear scan of the markup, for pages too large to parse: text between
 * tags, paragraphs at block elements and double <br>, without the content of scripts, styles,
 * other NEVER_TEXT elements, hidden elements and page chrome (nav, aside, footer, form). Each
 * end tag is searched for once per position, so the scan stays linear on any input.
 */
export function scanMarkup(html: string): Omit<HtmlExtract, 'warnings'> {
  const text = new MarkupText();
  const endOf = endTagFinder(html);
  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) {
      text.add(html.slice(pos));
      break;
    }
    if (lt > pos) text.addText(html.slice(pos, lt));
    pos = readTag(html, lt, text, endOf);
  }
  text.flush();
  const { title, date } = headMetadata(html);
  return { title, paragraphs: text.paragraphs, date };
}

/** The paragraphs read so far, and the one being read (its references decoded when it ends). */
class MarkupText {
  readonly paragraphs: string[] = [];
  private buf: string[] = [];
  private brRun = 0;

  add(text: string): void {
    this.buf.push(text);
  }

  /** Text between tags: anything but whitespace ends a run of <br>. */
  addText(text: string): void {
    this.buf.push(text);
    if (/\S/.test(text)) this.brRun = 0;
  }

  /** Two consecutive <br> end a paragraph; one is a space. */
  br(): void {
    this.brRun++;
    if (this.brRun >= 2) this.flush();
    else this.buf.push(' ');
  }

  flush(): void {
    const text = decodeAllReferences(this.buf.join('')).replace(/\s+/g, ' ').trim();
    if (text) this.paragraphs.push(text);
    this.buf = [];
    this.brRun = 0;
  }
}

/** Finds end tags, remembering per tag name the position from which none follows (so it is not
 *  searched again). */
function endTagFinder(html: string): EndOf {
  const noEndAfter = new Map<string, number>();
  const endTags = new Map<string, RegExp>();
  return (tag, from) => {
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
}

/** Reads the markup that starts with the "<" at `lt`: a comment, a stray "<", a declaration or
 *  a tag. Returns where the scan goes on. */
function readTag(html: string, lt: number, text: MarkupText, endOf: EndOf): number {
  const n = html.length;
  const next = html.charCodeAt(lt + 1);
  if (html.startsWith('<!--', lt)) {
    const end = html.indexOf('-->', lt + 4);
    return end === -1 ? n : end + 3;
  }
  const isTag = (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || next === 0x2f || next === 0x21 || next === 0x3f;
  if (!isTag) {
    text.add('<');
    return lt + 1;
  }
  const gt = html.indexOf('>', lt + 1);
  if (gt === -1) return n; // an unterminated tag: the rest is not text
  const pos = gt + 1;
  if (next === 0x21 || next === 0x3f) return pos; // doctype, CDATA, processing instruction
  const closing = next === 0x2f;
  const m = /^[A-Za-z][^\s/>]*/.exec(html.slice(lt + (closing ? 2 : 1), Math.min(gt, lt + 64)));
  if (!m) return pos;
  const tag = m[0].toLowerCase();
  if (closing) {
    if (BLOCK.has(tag)) text.flush();
    return pos;
  }
  return readStartTag(tag, html.slice(lt + 1 + m[0].length, gt), pos, n, text, endOf);
}

/** A start tag ending at `pos`: raw text, hidden elements and chrome are skipped to their end tag,
 *  block elements start a paragraph. Returns where the scan goes on. */
function readStartTag(tag: string, attrs: string, pos: number, n: number, text: MarkupText, endOf: EndOf): number {
  if (RAW_TEXT.has(tag)) {
    const end = endOf(tag, pos);
    return end === -1 ? n : end;
  }
  if (VOID.has(tag)) {
    if (tag === 'br') text.br();
    else if (BLOCK.has(tag)) text.flush();
    return pos;
  }
  const hidden = /(?:^|\s)hidden(?:[\s=>/]|$)|aria-hidden\s*=\s*["']?true|display\s*:\s*none|visibility\s*:\s*hidden/i.test(attrs);
  const role = /\brole\s*=\s*["']?([a-z]+)/i.exec(attrs)?.[1]?.toLowerCase();
  if (NEVER_TEXT.has(tag) || CHROME.has(tag) || hidden || (role !== undefined && CHROME_ROLES.has(role))) {
    const end = endOf(tag, pos);
    return end === -1 ? pos : end; // no end tag: only the tag itself is dropped
  }
  if (BLOCK.has(tag)) text.flush();
  return pos;
}

/** Title and publication date from the start of the markup. */
function headMetadata(html: string): { title: string | null; date: string | null } {
  const head = html.slice(0, 256 * 1024);
  const title = clean(decodeAllReferences(/<title[^>]*>([^<]*)<\/title/i.exec(head)?.[1] ?? ''));
  const date = toIso(/<meta\s[^>]*?(?:property|name)\s*=\s*["']article:published_time["'][^>]*?content\s*=\s*["']([^"']+)["']/i.exec(head)?.[1] ?? null);
  return { title, date };
}
