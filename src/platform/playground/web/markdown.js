// The bot's markdown-ish text as HTML. The only place the page builds HTML from server strings: everything
// is escaped first, and links are http(s) only.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
// Stashed HTML fragments travel through the text as \uE000<n>\uE001 (private-use characters, removed
// from the input first) so later rules cannot reach into them.
const TOKEN = /\uE000(\d+)\uE001/g;

function emphasis(html) {
  return html
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*(?=[^\s*])([^*]*?[^\s*])\*(?![\w*])/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/g, '$1<em>$2</em>');
}

function inline(line) {
  const stash = [];
  const keep = (html) => `\uE000${stash.push(html) - 1}\uE001`;
  let html = escapeHtml(line);
  html = html.replace(/`([^`]+)`/g, (_, code) => keep(`<code>${code}</code>`));
  const link = (url, text) => keep(`<a href="${url}" target="_blank" rel="noopener noreferrer">${text}</a>`);
  html = html.replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/gi, (_, text, url) => link(url, emphasis(text)));
  html = html.replace(
    /(^|[\s(*])(https?:\/\/[^\s<*]*[^\s<*_.,;:!?)'"])/gi,
    (_, before, url) => `${before}${link(url, url)}`,
  );
  html = emphasis(html);
  // Twice: a link's text may itself hold a stashed code span.
  return html.replace(TOKEN, (_, i) => stash[Number(i)]).replace(TOKEN, (_, i) => stash[Number(i)]);
}

/** Markdown-ish text to HTML: paragraphs, line breaks, "- " and "1. " lists, **bold**, _italic_, `code`, links. */
export function markdown(source) {
  const lines = String(source ?? '')
    .replace(/[\uE000\uE001]/g, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const out = [];
  let paragraph = [];
  let list = null;
  const flushParagraph = () => {
    if (paragraph.length > 0) out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list)
      out.push(`<${list.tag}>${list.items.map((item) => `<li>${inline(item)}</li>`).join('')}</${list.tag}>`);
    list = null;
  };
  for (const line of lines) {
    const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
    const numbered = bullet ? null : /^\s*\d{1,3}[.)]\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      const tag = bullet ? 'ul' : 'ol';
      flushParagraph();
      if (list && list.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push((bullet ?? numbered)[1]);
    } else if (line.trim() === '') {
      flushParagraph();
      flushList();
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return out.join('');
}
