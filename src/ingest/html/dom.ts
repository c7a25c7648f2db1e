// The part of linkedom's DOM the page readers use, and the parser itself.
import { parseHTML } from 'linkedom';

/** Minimal structural view of the linkedom DOM (the project does not load the DOM lib types). */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
}
export interface DomElement extends DomNode {
  localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
/** Only getters that do not modify the tree (linkedom's `head`, `body` and `title` insert elements). */
export interface DomDocument extends DomElement {
  documentElement: DomElement | null;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const DOCUMENT_NODE = 9;
export const FRAGMENT_NODE = 11;

export function parse(html: string): DomDocument {
  return (parseHTML(html) as unknown as { document: DomDocument }).document;
}

/** Children in reverse, so that popping the stack visits them in document order. */
export function pushChildren<T>(stack: (DomNode | T)[], node: DomNode): void {
  const children = node.childNodes;
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i];
    if (child) stack.push(child);
  }
}

export function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}
