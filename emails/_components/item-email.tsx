import { Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import { EmailLayout, ItemFacts, paragraph, type FooterProps, type ItemSummary } from './layout';

/** The props of every email about one incident or task. */
export type ItemEmailProps = FooterProps & { item: ItemSummary };

/**
 * An email about one incident or task: its facts first, a button back to it, and the reason
 * in the footer. `actionLabel` defaults to "Open INC-1042".
 */
export function ItemEmail({
  props,
  preview,
  heading,
  actionLabel = `Open ${props.item.reference}`,
  children,
}: {
  props: ItemEmailProps;
  preview: string;
  heading: string;
  actionLabel?: string;
  children: ReactNode;
}) {
  return (
    <EmailLayout
      preview={preview}
      heading={heading}
      action={{ label: actionLabel, url: props.item.url }}
      footer={props}
    >
      <ItemFacts item={props.item} />
      {children}
    </EmailLayout>
  );
}

/** A list or a query set off by a bar on its left (written Markdown: QuotedMarkdown). */
export function QuotedText({
  children,
  whiteSpace = 'pre-wrap',
}: {
  children: ReactNode;
  whiteSpace?: 'pre-wrap' | 'pre-line';
}) {
  return (
    <Text
      style={{
        ...paragraph,
        borderLeft: '3px solid #cbd5e1',
        paddingLeft: 12,
        whiteSpace,
      }}
    >
      {children}
    </Text>
  );
}

/** One changed field of an update: "State: Triage → Analysis". */
export type ChangeLine = { label: string; old: string; new: string };

const changeCell = {
  color: '#334155',
  fontSize: 13,
  margin: '2px 0',
  whiteSpace: 'pre-wrap' as const,
};

export function ChangeList({ actorLabel, changes }: { actorLabel: string; changes: ChangeLine[] }) {
  return (
    <>
      <Text style={paragraph}>{actorLabel} changed:</Text>
      <Section>
        {changes.map((c) => (
          <Text key={c.label} style={changeCell}>
            <strong>{c.label}:</strong> {c.old} → {c.new}
          </Text>
        ))}
      </Section>
    </>
  );
}
