import { Text } from '@react-email/components';
import { EmailLayout, paragraph, type FooterProps } from './_components/layout';

export type AccountInvitationProps = Omit<FooterProps, 'unsubscribeUrl'> & {
  name: string;
  /** The address they sign in with (the one this email went to). */
  email?: string;
  invitedBy: string;
  organization: string;
  url: string;
  expires: string;
};

export const subject = (p: AccountInvitationProps) =>
  `${p.invitedBy} invited you to Vigil at ${p.organization}`;

export default function AccountInvitation(props: AccountInvitationProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading={`Welcome to Vigil, ${props.name}`}
      action={{ label: 'Choose your password', url: props.url }}
      footer={props}
    >
      <Text style={paragraph}>
        {props.invitedBy} created an account for you on {props.organization}&apos;s Vigil, where the
        security team tracks incidents and compliance tasks. Choose your password to sign in
        {props.email ? ` as ${props.email}` : ''}; the link works once, until {props.expires}.
      </Text>
    </EmailLayout>
  );
}

AccountInvitation.PreviewProps = {
  name: 'Maria Lopez',
  invitedBy: 'Dana Whitfield',
  organization: 'First Prairie Bank',
  email: 'maria.lopez@firstprairie.example',
  url: 'http://localhost:3000/set-password?token=sample',
  expires: 'Thu 16 Apr 2026, 09:00',
  reason:
    'You are getting this because an administrator created a Vigil account for this address. If you did not expect it, ignore this email.',
} satisfies AccountInvitationProps;
