import { Text } from '@react-email/components';
import { QuotedText } from './_components/item-email';
import { EmailLayout, paragraph, type FooterProps } from './_components/layout';

/** The day's head of the activity log's hash chain, kept outside the database (jobs/anchor-audit-chain.ts). */
export type AuditAnchorProps = FooterProps & {
  /** The UTC day anchored, "2026-03-01". */
  day: string;
  headHash: string | null;
  /** The chain's position of that head. */
  headSeq: number | null;
  rows: number;
  /** Null when the chain verified; else what `audit verify` would report. */
  broken: string | null;
  url: string;
};

export const subject = (p: AuditAnchorProps) =>
  p.broken
    ? `Audit trail BROKEN on ${p.day}: ${p.broken}`
    : `Audit trail anchor for ${p.day}: ${p.headHash?.slice(0, 16) ?? 'empty log'}`;

export const AUDIT_ANCHOR_REASON =
  'You are getting this because you are a Vigil administrator: every active administrator gets the daily audit anchor. Keep these emails outside Vigil; they cannot be muted.';

export default function AuditAnchor(props: AuditAnchorProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading={props.broken ? 'The audit trail does not verify' : 'Daily audit anchor'}
      action={{ label: 'Open Vigil', url: props.url }}
      footer={props}
    >
      <Text style={paragraph}>
        {props.broken
          ? `Checking the activity log’s hash chain found a broken link: ${props.broken}. Someone with direct access to the database changed the log. Run “npm run vigil -- audit verify” and compare with earlier anchors.`
          : `The activity log’s hash chain verified (${props.rows} rows). Its head on ${props.day} is:`}
      </Text>
      <QuotedText>{`${props.headHash ?? '(no rows yet)'}${props.headSeq ? ` (link ${props.headSeq})` : ''}`}</QuotedText>
      <Text style={paragraph}>
        Keep this email. Should anyone rewrite the log and recompute every later link, the chain
        would still verify, but this head would no longer be in it: “npm run vigil -- audit verify”
        prints the current head to compare.
      </Text>
    </EmailLayout>
  );
}

AuditAnchor.PreviewProps = {
  day: '2026-03-01',
  headHash: '9f2c4e0b7d1a3f5e8c6b2a4d0e9f1c3b5a7d9e0f2c4b6a8d0e1f3c5b7a9d0e2f',
  headSeq: 48213,
  rows: 48213,
  broken: null,
  url: 'http://localhost:3000/dashboard',
  reason: AUDIT_ANCHOR_REASON,
} satisfies AuditAnchorProps;
