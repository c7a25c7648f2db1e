// What elements mean for the text, shared by the DOM walk and the scan of the markup.

/** Elements whose content is never text for the reader. */
export const NEVER_TEXT = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'applet', 'param', 'svg', 'math', 'canvas', 'audio', 'video', 'source', 'track', 'img', 'picture',
  'map', 'area', 'button', 'select', 'option', 'optgroup', 'datalist', 'textarea', 'input', 'head',
  'title', 'meta', 'link', 'base', 'dialog',
]);

/** Page chrome skipped when we have to fall back to the whole body. */
export const CHROME = new Set(['nav', 'aside', 'footer', 'form', 'menu']);
export const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar']);

/** Elements that start and end a paragraph. */
export const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
/** Elements without content or end tag. */
export const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
