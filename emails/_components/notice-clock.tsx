import { Text } from '@react-email/components';
import { paragraph, type FooterProps } from './layout';

/** What both notice-clock warnings carry: the incident, the rule, its deadline, the link. */
export type NoticeClockEmailProps = FooterProps & {
  reference: string;
  title: string;
  url: string;
  ruleName: string;
  notify: string;
  citation: string;
  /** The deadline in the reader's zone: "Mar 9, 2026, 09:00 CDT". */
  deadline: string;
  /** "Member data exposed at the card processor." */
  basis: string;
};

export function NoticeRuleFacts(props: NoticeClockEmailProps) {
  return (
    <>
      <Text style={{ color: '#0f172a', fontSize: 15, fontWeight: 600, margin: '0 0 4px' }}>
        {props.reference} · {props.title}
      </Text>
      <Text style={paragraph}>
        Rule: {props.ruleName}
        {props.citation ? ` (${props.citation})` : ''}. Who must be notified: {props.notify}.
        Deadline: {props.deadline}.
      </Text>
      <Text style={paragraph}>Why the incident is notifiable: {props.basis}</Text>
      <Text style={paragraph}>
        Once the notification is made, record it on the incident (when, to whom, the reference):
        that stops the clock and these warnings.
      </Text>
    </>
  );
}

export const SAMPLE_NOTICE_CLOCK: NoticeClockEmailProps = {
  reference: 'INC-1042',
  title: 'Card processor reports exposure of member data',
  url: 'http://localhost:3000/incidents/1042',
  ruleName: 'NCUA reportable cyber incident',
  notify: 'The NCUA',
  citation: '12 CFR 748.1(c)',
  deadline: 'Mar 10, 2026, 20:00 CDT',
  basis: 'The processor’s notice says member card numbers were copied.',
  reason: 'You are getting this because you own INC-1042.',
};

/** The footer line of an administrator who does not own the incident. */
export const NOTICE_CLOCK_ADMIN_REASON =
  'You are getting this because you are a Vigil administrator: every active administrator hears of regulator notification deadlines. These warnings cannot be muted.';
