import { Link, Section, Text } from '@react-email/components';
import { EmailLayout, paragraph, type FooterProps } from './_components/layout';

export type DigestGroup = {
  reference: string;
  title: string;
  url: string;
  /** One line per event, oldest first: "14:02 Justin Park changed State: Triage → Analysis". */
  lines: string[];
};

export type DailyDigestProps = Omit<FooterProps, 'unsubscribeUrl'> & {
  date: string;
  groups: DigestGroup[];
  preferencesUrl: string;
};

export const subject = (p: DailyDigestProps) => {
  const events = p.groups.reduce((n, g) => n + g.lines.length, 0);
  return `Vigil digest for ${p.date}: ${events} update${events === 1 ? '' : 's'} on ${p.groups.length} item${p.groups.length === 1 ? '' : 's'}`;
};

export default function DailyDigest(props: DailyDigestProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading={`Your daily digest, ${props.date}`}
      footer={props}
    >
      {props.groups.map((g) => (
        <Section key={g.reference} style={{ marginBottom: 12 }}>
          <Text style={{ ...paragraph, fontWeight: 600, margin: '8px 0 2px' }}>
            <Link href={g.url}>
              {g.reference} · {g.title}
            </Link>
          </Text>
          {g.lines.map((line, i) => (
            <Text key={i} style={{ ...paragraph, fontSize: 13, margin: '0 0 0 12px' }}>
              • {line}
            </Text>
          ))}
        </Section>
      ))}
      <Text style={{ ...paragraph, fontSize: 12 }}>
        Prefer each email as it happens? Change it in{' '}
        <Link href={props.preferencesUrl}>your profile</Link>.
      </Text>
    </EmailLayout>
  );
}

DailyDigest.PreviewProps = {
  date: 'Tue 14 Apr 2026',
  groups: [
    {
      reference: 'INC-1042',
      title: 'Phishing email reported by teller at Main St branch',
      url: 'http://localhost:3000/incidents/1042',
      lines: [
        '09:14 Dana Whitfield opened it',
        '11:02 Justin Park changed State: Triage → Analysis',
        '16:40 Justin Park closed it',
      ],
    },
    {
      reference: 'INC-1043',
      title: 'Unusual wire volume from branch 12',
      url: 'http://localhost:3000/incidents/1043',
      lines: ['13:20 Response target at risk'],
    },
  ],
  reason: 'You are getting this because you chose one daily digest at 08:00 (America/Chicago).',
  preferencesUrl: 'http://localhost:3000/settings/profile',
} satisfies DailyDigestProps;
