/**
 * Markdown surfaces rendered by a real GFM renderer (micromark with its GFM extension: tables, autolink literals,
 * tag filter; raw HTML allowed, as GitHub allows some), asserting what the HTML may contain: no element a config
 * wrote, no link a config chose, no @-mention, and every config-derived text shown as written.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { ROOT, auditText, memoryHost } from '../../test/helpers/memory-host.ts';
import { auditFile } from '../core/run.ts';
import type { AuditOutcome } from '../core/types.ts';
import { bindMarkdown, mdCode, mdText } from './markdown-escape.ts';
import { renderMarkdown } from './markdown.ts';
import { toSarif } from './sarif.ts';

const BLOB = 'https://github.com/o/r/blob/abc/';
const DOCS = 'https://docs.example/checks/';

function render(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** The text a reader sees: tags removed, entities decoded. */
function visible(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** What the rendered HTML may hold: only the tags we write, links only to our own bases, no mention. */
function assertSafe(html: string, what: string): void {
  const tags = [...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1]!.toLowerCase());
  for (const tag of tags)
    assert.ok(
      [
        'p',
        'h3',
        'h4',
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
        'br',
        'strong',
        'em',
        'code',
        'a',
        'ul',
        'li',
        'details',
        'summary',
        'b',
        'sub',
        'pre',
      ].includes(tag),
      `${what}: <${tag}> in ${html}`,
    );
  for (const [, href] of html.matchAll(/<a href="([^"]*)"/g))
    assert.ok(href!.startsWith(BLOB) || href!.startsWith(DOCS), `${what}: link to ${href}`);
  // GitHub makes no mention inside code.
  const prose = html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '');
  assert.doesNotMatch(visible(prose), /(^|[^\u200b])@octocat/, `${what}: a mention`);
  assert.doesNotMatch(html, /<img|attacker\.example\/p\.png"/, `${what}: an image`);
}

const HOSTILE_KEY =
  'x\n\n<img src="https://attacker.example/p.png">\n\n@octocat [click me](https://attacker.example/login)\n\n';

describe('Markdown surfaces under a GFM renderer', () => {
  test("issue 17's channel key: no image, mention or link in the comment, summary or check-run text", () => {
    const outcome = auditText(JSON.stringify({ channels: { [HOSTILE_KEY]: {} } }));
    assert.equal(outcome.ok, false);
    for (const options of [{ blobBaseUrl: BLOB, docsBaseUri: DOCS, marker: 'm' }, { docsBaseUri: DOCS }, {}]) {
      const html = render(renderMarkdown([outcome], options));
      assertSafe(html, 'report');
      assert.ok(
        visible(html).includes('@\u200boctocat [click me](https:\u200b//attacker.example/login)'),
        'the key is shown as written',
      );
    }
  });

  test('bare URLs, www. names and e-mail addresses in reasons, details and folder names are not autolinked', () => {
    const host = memoryHost({
      'www.evil.com/openclaw.json': JSON.stringify({
        gateway: { bind: 'lan', auth: { mode: 'token', token: 'Zq8xV2mPl4Rt7Ws9Yb3Nc6Hd1Kf5Jg0xx' } },
        security: {
          audit: {
            suppressions: [
              {
                checkId: 'gateway.control_ui.allowed_origins_required',
                reason: 'see https://attacker.example/x, www.attacker.example and a@attacker.example @octocat',
              },
            ],
          },
        },
      }),
    });
    const outcome = auditFile({ host, configPath: `${ROOT}/www.evil.com/openclaw.json`, root: ROOT });
    assert.ok(outcome.ok && outcome.suppressedFindings.length === 1, JSON.stringify(outcome));
    const html = render(renderMarkdown([outcome], { blobBaseUrl: BLOB, docsBaseUri: DOCS }));
    assertSafe(html, 'report');
    assert.ok(!/href="(https?:\/\/)?(www\.)?(attacker|evil)/.test(html));
    assert.match(
      visible(html),
      /see https:\u200b\/\/attacker\.example\/x, w\u200bww\.attacker\.example and a@\u200battacker\.example @\u200boctocat/,
    );
  });

  test('code spans: a key with backticks and blank lines stays inside its span', () => {
    for (const text of ['a`b', '``', 'x\n\n<b>y</b>\n\n`', '|pipe|']) {
      const html = render(`| h |\n|---|\n| ${mdCode(text, { inTable: true })} |\n\n${mdCode(text)}`);
      const codes = [...html.matchAll(/<code>([^<]*)<\/code>/g)].map((m) => visible(m[1]!));
      assert.equal(codes.length, 2, html);
      for (const code of codes) assert.equal(code.trim(), text.replace(/\n/g, ' ').trim(), html);
      assert.doesNotMatch(html, /<b>/);
    }
  });

  test('mdText shows every ASCII punctuation and HTML character as written', () => {
    const text = '*a* _b_ `c` [d](e) <i>f</i> &amp; # + ! | ~ \\ {g} h@i www.j.com http://k.com';
    assert.equal(
      visible(render(mdText(text)))
        .trim()
        .replace(/\u200b/g, ''),
      text,
    );
  });

  test('SARIF help.markdown: a hostile account id bound into a rule stays text', () => {
    const account = '<img/src=x>[a](https://attacker.example)@octocat`x`';
    const outcome: AuditOutcome = {
      ok: true,
      config: 'openclaw.json',
      summary: { critical: 0, warn: 1, info: 0 },
      findings: [
        { checkId: `channels.discord.routing.owner_missing.${account}`, severity: 'warn', title: 't', detail: 'd' },
      ],
      suppressedFindings: [],
      secretDiagnostics: [],
      schemaWarnings: [],
      files: ['openclaw.json'],
      secrets: { values: [], spans: [] },
    };
    const log = toSarif([outcome], { toolVersion: '1.0.0', informationUri: 'https://x.example', docsBaseUri: DOCS });
    const rule = log.runs[0]!.tool.driver.rules!.find((r) => r.id.endsWith(account))!;
    assert.ok(rule, 'the concrete rule is declared');
    const html = render(rule.help!.markdown!);
    assertSafe(html, 'help.markdown');
    assert.ok(visible(html).includes('@\u200boctocat'));
  });

  test('bindMarkdown: prose values escaped, code values kept or given their own span', () => {
    assert.equal(
      bindMarkdown('Set `channels.<provider>.dmPolicy` for <provider>.', { provider: 'a_b' }),
      'Set `channels.a_b.dmPolicy` for a\\_b.',
    );
    const html = render(bindMarkdown('Set `channels.<provider>.dmPolicy`.', { provider: 'x`\n\n<b>y' }));
    assert.doesNotMatch(html, /<b>/);
    assert.equal(
      visible(html)
        .replace(/\u200b/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
      'Set channels.x` <b>y.dmPolicy.',
    );
  });
});
