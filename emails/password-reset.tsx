import { Text } from '@react-email/components';
import { EmailLayout, paragraph, type FooterProps } from './_components/layout';

export type PasswordResetProps = Omit<FooterProps, 'unsubscribeUrl'> & { name: string; url: string; expires: string };

export const subject = (_p: PasswordResetProps) => 'Reset your Vigil password';

export default function PasswordReset(props: PasswordResetProps) {
  return (
    <EmailLayout preview={subject(props)} heading="Reset your password" action={{ label: 'Choose a new password', url: props.url }} footer={props}>
      <Text style={paragraph}>
        Hello {props.name}, someone asked to reset your Vigil password. The link works once, until {props.expires}. Your current password keeps working until you
        choose a new one.
      </Text>
    </EmailLayout>
  );
}

PasswordReset.PreviewProps = {
  name: 'Maria Lopez',
  url: 'http://localhost:3000/reset/sample',
  expires: 'Tue 14 Apr 2026, 10:00',
  reason: 'You are getting this because a password reset was requested for your account. If it was not you, ignore this email.',
} satisfies PasswordResetProps;
