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
import { IngestError } from '../errors.ts';
import { fitsReadability, tooLargeToParse } from './bounds.ts';
import { parse, type DomDocument } from './dom.ts';
import { clean, findDate, findTitle, preferHeadline } from './metadata.ts';
import { collectParagraphs } from './paragraphs.ts';
import { runReadability, sanitize } from './readability.ts';
import { decodeTextReferences } from './references.ts';
import { scanMarkup } from './scan.ts';

export interface HtmlExtract {
  title: string | null;
  paragraphs: string[];
  /** Publication date from the page metadata (article:published_time, JSON-LD...), ISO 8601. */
  date: string | null;
  /** Non-fatal problems, each naming the file (a page too large for article extraction). */
  warnings: string[];
}

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

/** A page's title, date and paragraphs; a page too large to parse is scanned instead, with a warning. */
export function htmlToParagraphs(input: string, fileName: string): HtmlExtract {
  const html = decodeTextReferences(input);
  const why = tooLargeToParse(html);
  if (why !== null) {
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

  let paragraphs: string[] = [];
  let title: string | null = null;
  if (fitsReadability(document)) {
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

function totalLength(paragraphs: string[]): number {
  let n = 0;
  for (const p of paragraphs) n += p.length;
  return n;
}
