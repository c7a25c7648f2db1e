// The article body by @mozilla/readability, run on a sanitized re-serialization of the page.
import { Readability } from '@mozilla/readability';
import { MAX_READABILITY_ELEMENTS } from './bounds.ts';
import { DOCUMENT_NODE, ELEMENT_NODE, FRAGMENT_NODE, TEXT_NODE, isHidden, parse, pushChildren, type DomDocument, type DomElement, type DomNode } from './dom.ts';
import { collectParagraphs } from './paragraphs.ts';
import { BLOCK, NEVER_TEXT } from './tags.ts';

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
export function sanitize(document: DomDocument, title: string | null): string {
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

export function runReadability(cleanHtml: string): { title: string | null; paragraphs: string[] } | null {
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
