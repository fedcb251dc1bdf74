/**
 * Markdown as GitHub reads it: CommonMark + GFM (tables, strikethrough, autolinks, task lists) through micromark,
 * with raw HTML passed through as GitHub does before sanitising. Tests assert on the HTML, not on the source text.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

export function renderGfm(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** The text of each table row (`<tr>…</tr>`), tags stripped, cells joined by `|`. */
export function tableRows(html: string): string[] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()).join('|'),
  );
}
