/** Line breaks become LF, control characters other than LF and TAB are removed, and the text is
 *  NFC-normalized; `removed` counts the controls, for a warning. */
export function normalizeText(input: string): { text: string; removed: number } {
  let s = input.replace(/^\uFEFF/, '');
  s = s.replace(/\r\n?/g, '\n');
  // Page, line and paragraph separators become line breaks rather than vanishing and gluing words.
  s = s.replace(/[\f\v\u0085\u2028]/g, '\n').replace(/\u2029/g, '\n\n');
  let removed = 0;
  // C0 controls except TAB and LF, DEL, C1 controls.
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g, () => {
    removed++;
    return '';
  });
  return { text: s.normalize('NFC'), removed };
}
