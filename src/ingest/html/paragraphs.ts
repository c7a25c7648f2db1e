// Paragraphs from a parsed tree: the page's own blocks, or Readability's article.
import { MAX_READABILITY_DEPTH } from './bounds.ts';
import { DOCUMENT_NODE, ELEMENT_NODE, FRAGMENT_NODE, TEXT_NODE, isHidden, pushChildren, type DomElement, type DomNode } from './dom.ts';
import { BLOCK, CHROME, CHROME_ROLES, NEVER_TEXT } from './tags.ts';

/**
 * Paragraphs from block elements: the text of each run of inline content between block
 * boundaries (so a <div> with direct text counts, and <p>s nested in a <blockquote> stay
 * separate), whitespace collapsed. Two consecutive <br> also end a paragraph. Iterative, so any
 * nesting depth is safe.
 */
export function collectParagraphs(root: DomNode, skipChrome: boolean): string[] {
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
