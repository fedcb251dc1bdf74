/**
 * The one Markdown escaper for config-derived text, for every Markdown surface (job summary, PR comment, check-run
 * summary, review comments, SARIF `help.markdown`). What a hostile config must not get from GitHub's renderer:
 * raw HTML, links (inline, reference, or GFM autolinks of bare URLs, `www.` names and e-mail addresses),
 * @-mentions, emphasis or headings, and, in a code span, a way out of it. Every function is linear in its input.
 */

/** Breaks what GitHub would turn into a link or a mention, without changing what a reader sees. */
const ZERO_WIDTH_SPACE = '&#8203;';

/** Text for a paragraph or a table cell: shown literally, on one line (line breaks become `<br>`). */
export function mdText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]{}()#+!|~]/g, '\\$&')
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/(^|[^A-Za-z0-9])(w)(ww\.)/gi, `$1$2${ZERO_WIDTH_SPACE}$3`)
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** The longest run of `char` in a text. */
function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}

/**
 * An inline code span that shows any text literally: a fence one backtick longer than any run inside, line breaks
 * as spaces (a blank line would end the paragraph and with it the span). In a table cell, `|` is escaped as GFM
 * requires even inside code.
 */
export function mdCode(text: string, options: { inTable?: boolean } = {}): string {
  let flat = text.replace(/\r\n|\r|\n/g, ' ');
  if (options.inTable) flat = flat.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.trim() === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block's fence: longer than any backtick run in the body, so the body cannot close it. */
export function mdFence(body: string): string {
  return '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
}

/** One segment of a URL path in a Markdown link destination: `(`, `)` and the other sub-delimiters are encoded too. */
export function mdUrlSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[()'*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Fills `<name>` placeholders of trusted Markdown (a rule's help) with untrusted values: as escaped text in prose,
 * and, inside a single-backtick code span of the template, as a code span of its own when the value could end the
 * span (the template's span is closed before it and reopened after it).
 */
export function bindMarkdown(template: string, bindings: Readonly<Record<string, string>>): string {
  let out = '';
  let inCode = false;
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if (c === '`') {
      let run = 1;
      while (template[i + run] === '`') run++;
      if (run === 1) inCode = !inCode;
      out += template.slice(i, i + run);
      i += run;
      continue;
    }
    if (c === '<') {
      const close = template.indexOf('>', i);
      const name = close > i ? template.slice(i + 1, close) : '';
      if (/^[A-Za-z]+$/.test(name) && bindings[name] !== undefined) {
        const value = bindings[name]!;
        if (!inCode) out += mdText(value);
        // Close the template's span, show the value in its own, reopen; the joins keep the fences apart.
        else if (/[`\r\n]/.test(value)) out += '`' + ZERO_WIDTH_SPACE + mdCode(value) + ZERO_WIDTH_SPACE + '`';
        else out += value;
        i = close + 1;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}
