// The file kinds Tandem reads as articles: taken from folders, offered by the file picker.

/** Extensions of article files, lower case with the dot. */
export const ARTICLE_EXTENSIONS = ['.txt', '.text', '.html', '.htm', '.xhtml', '.pdf', '.docx', '.mht', '.mhtml', '.eml'] as const;

/** The file picker's accept list: the extensions and their MIME types. */
export const ARTICLE_ACCEPT = [
  ...ARTICLE_EXTENSIONS,
  'text/plain',
  'text/html',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'multipart/related',
  'message/rfc822',
].join(',');
