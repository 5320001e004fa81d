import { describe, expect, it } from 'vitest';
import { renderEmail } from '@/lib/email/render-email';
import { TEMPLATES, type TemplateName } from '@/lib/email/templates';

const ITEM = {
  reference: 'INC-1042',
  title: 'Phishing at Main St',
  url: 'https://vigil.test/incidents/1042',
  state: 'Triage',
};
const REASON = 'You are getting this because you own INC-1042.';
const UNSUBSCRIBE = 'https://vigil.test/unsubscribe?token=abc';

const DESCRIPTION = [
  '**Who:** three tellers',
  '',
  'See the [runbook](https://wiki.bank.test/phishing) or write to <soc@bank.test>.',
  '',
  '- blocked the *sender*',
  '- reset `jsmith`',
  '',
  'Bad: [click](javascript:alert(1)) [data](data:text/html,x) <b onclick="x()">raw</b> <script>alert(1)</script>',
  '',
  '![pixel](https://tracker.example.net/p.gif)',
].join('\n');

const opened = () =>
  renderEmail('incident-opened', {
    item: ITEM,
    actorLabel: 'Dana Whitfield',
    description: DESCRIPTION,
    reason: REASON,
    unsubscribeUrl: UNSUBSCRIBE,
  });

const hrefs = (html: string) => [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);

describe('Markdown written by people, in the HTML part', () => {
  it('is rendered: emphasis, lists, code and links', async () => {
    const { html } = await opened();
    expect(html).toMatch(/<strong[^>]*>Who:<\/strong>/);
    expect(html).toMatch(/<em[^>]*>sender<\/em>/);
    expect(html).toMatch(/<li[^>]*>.*blocked the/s);
    expect(html).toMatch(/<code[^>]*>jsmith<\/code>/);
    expect(html).not.toContain('**');
    expect(hrefs(html)).toContain('https://wiki.bank.test/phishing');
    expect(hrefs(html)).toContain('mailto:soc@bank.test');
  });

  it('is safe: no raw HTML, no links but http(s) and mailto, no remote images', async () => {
    const { html } = await opened();
    expect(html).not.toMatch(/<script|<b[\s>]|onclick/i);
    expect(html).not.toMatch(/javascript:|data:text/i);
    for (const href of hrefs(html)) expect(href).toMatch(/^(https?:|mailto:)/);
    // An image becomes a link to it: nothing loads, so opening the email tells no one.
    expect(html).not.toContain('<img');
    expect(html).toMatch(/<a [^>]*href="https:\/\/tracker.example.net\/p.gif"[^>]*>pixel<\/a>/);
  });
});

describe('the plain-text part', () => {
  it('reads as text: no Markdown marks, links as "text (url)", paragraphs kept', async () => {
    const { text } = await opened();
    expect(text).not.toContain('**');
    expect(text).not.toMatch(/\]\(/);
    expect(text).toContain('Who: three tellers');
    expect(text).toContain('runbook (https://wiki.bank.test/phishing)');
    expect(text).toMatch(/\* blocked the sender/);
    expect(text).toMatch(/Who: three tellers\n\s*\nSee the runbook/);
    expect(text).not.toMatch(/javascript:|<b|<script/);
  });

  it('names the link back to the item once, in every template', async () => {
    for (const name of Object.keys(TEMPLATES) as TemplateName[]) {
      const preview = (TEMPLATES[name].component as unknown as { PreviewProps: object })
        .PreviewProps as Record<string, unknown>;
      const { text, html } = await renderEmail(name, preview);
      const itemUrl = ((preview.item as { url?: string } | undefined)?.url ??
        (preview.url as string | undefined))!;
      if (name === 'daily-digest') {
        for (const group of preview.groups as { url: string }[])
          expect(text.split(group.url).length - 1, `${name}: ${group.url}`).toBe(1);
        continue;
      }
      expect(itemUrl, name).toBeTruthy();
      expect(text.split(itemUrl).length - 1, `${name} text`).toBe(1);
      // The HTML keeps the address written out under the button, for clients that drop buttons.
      expect(html).toContain(itemUrl);
    }
  });
});
