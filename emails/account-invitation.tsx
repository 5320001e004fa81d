import { Text } from '@react-email/components';
import { EmailLayout, paragraph, type FooterProps } from './_components/layout';

export type AccountInvitationProps = Omit<FooterProps, 'unsubscribeUrl'> & {
  name: string;
  invitedBy: string;
  organization: string;
  url: string;
  expires: string;
};

export const subject = (p: AccountInvitationProps) => `${p.invitedBy} invited you to Vigil at ${p.organization}`;

export default function AccountInvitation(props: AccountInvitationProps) {
  return (
    <EmailLayout preview={subject(props)} heading={`Welcome to Vigil, ${props.name}`} action={{ label: 'Set your password', url: props.url }} footer={props}>
      <Text style={paragraph}>
        {props.invitedBy} created an account for you on {props.organization}'s Vigil. Choose a password to sign in; the link works until {props.expires}.
      </Text>
    </EmailLayout>
  );
}

AccountInvitation.PreviewProps = {
  name: 'Maria Lopez',
  invitedBy: 'Dana Whitfield',
  organization: 'First Prairie Bank',
  url: 'http://localhost:3000/invite/sample',
  expires: 'Thu 16 Apr 2026, 09:00',
  reason: 'You are getting this because an administrator invited you. If you did not expect it, ignore this email.',
} satisfies AccountInvitationProps;
