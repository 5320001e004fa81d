import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import type { ReactNode } from 'react';

/** What every notification names: the item, its link, and why this person got it. */
export type ItemSummary = {
  reference: string;
  title: string;
  url: string;
  state?: string;
  severity?: string;
  owner?: string;
};

export type FooterProps = {
  /** "You own INC-1042." — every email says why it was sent. */
  reason: string;
  /** Signed one-click link; absent for account emails, which cannot be muted. */
  unsubscribeUrl?: string;
};

const body = {
  backgroundColor: '#f1f5f9',
  fontFamily: 'ui-sans-serif, system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
};
const container = {
  backgroundColor: '#ffffff',
  border: '1px solid #e2e8f0',
  borderRadius: 8,
  margin: '24px auto',
  maxWidth: 560,
  padding: 24,
};
const muted = { color: '#64748b', fontSize: 12, lineHeight: '18px' };

export function EmailLayout({
  preview,
  heading,
  action,
  children,
  footer,
}: {
  preview: string;
  heading: string;
  action?: { label: string; url: string };
  children: ReactNode;
  footer: FooterProps;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={{ color: '#1e3a8a', fontSize: 14, fontWeight: 700, margin: 0 }}>Vigil</Text>
          <Heading as="h1" style={{ color: '#0f172a', fontSize: 20, margin: '12px 0' }}>
            {heading}
          </Heading>
          {children}
          {action && (
            <Section style={{ margin: '20px 0' }}>
              <Button
                href={action.url}
                style={{
                  backgroundColor: '#1d4ed8',
                  borderRadius: 6,
                  color: '#ffffff',
                  fontSize: 14,
                  padding: '10px 16px',
                }}
              >
                {action.label}
              </Button>
              {/* For clients that drop buttons; the text part already has the button's link. */}
              <Text style={muted} data-skip-in-text>
                Or open <Link href={action.url}>{action.url}</Link>
              </Text>
            </Section>
          )}
          <Hr style={{ borderColor: '#e2e8f0', margin: '20px 0 12px' }} />
          <Text style={muted}>{footer.reason}</Text>
          {footer.unsubscribeUrl && (
            <Text style={muted}>
              <Link href={footer.unsubscribeUrl}>Stop notifications for this item</Link>
            </Text>
          )}
        </Container>
      </Body>
    </Html>
  );
}

export function ItemFacts({ item }: { item: ItemSummary }) {
  const facts = [
    ['State', item.state],
    ['Severity', item.severity],
    ['Owner', item.owner],
  ].filter((f): f is [string, string] => !!f[1]);
  return (
    <Section>
      <Text style={{ color: '#0f172a', fontSize: 15, fontWeight: 600, margin: '0 0 4px' }}>
        {item.reference} · {item.title}
      </Text>
      {facts.length > 0 && (
        <Text style={{ color: '#334155', fontSize: 13, margin: 0 }}>
          {facts.map(([k, v]) => `${k}: ${v}`).join(' · ')}
        </Text>
      )}
    </Section>
  );
}

export const paragraph = { color: '#334155', fontSize: 14, lineHeight: '22px' };

export const SAMPLE_ITEM: ItemSummary = {
  reference: 'INC-1042',
  title: 'Phishing email reported by teller at Main St branch',
  url: 'http://localhost:3000/incidents/1042',
  state: 'Analysis',
  severity: 'Medium',
  owner: 'TRAC (team)',
};

export const SAMPLE_FOOTER: FooterProps = {
  reason: 'You are getting this because TRAC, a team you belong to, owns INC-1042.',
  unsubscribeUrl: 'http://localhost:3000/unsubscribe?token=sample',
};
