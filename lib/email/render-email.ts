import { render } from '@react-email/components';
import { createElement, type ComponentType } from 'react';
import { TEMPLATES, type TemplateName } from './templates';

// The plain-text part is converted from the HTML (react-email skips images and what is
// marked data-skip-in-text). A link reads "runbook (https://…)", as people write them in
// text mail; html-to-text's default, "runbook https://…", runs the two together.
const PLAIN_TEXT = {
  selectors: [
    {
      selector: 'a',
      options: { linkBrackets: ['(', ')'] as [string, string], hideLinkHrefIfSameAsText: true },
    },
  ],
};

export type RenderedEmail = { subject: string; html: string; text: string };

/** HTML and the plain-text part from one template: clients that show text see the same facts. */
export async function renderEmail(
  name: TemplateName,
  props: Record<string, unknown>,
): Promise<RenderedEmail> {
  const template = TEMPLATES[name] as unknown as {
    component: ComponentType<Record<string, unknown>>;
    subject: (p: Record<string, unknown>) => string;
  };
  const element = createElement(template.component, props);
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: PLAIN_TEXT }),
  ]);
  // Subjects are one line: a newline in a title must not become a header break.
  return {
    subject: template
      .subject(props)
      .replace(/[\r\n]+/g, ' ')
      .slice(0, 250),
    html,
    text,
  };
}
