import { Text } from '@react-email/components';
import { EmailLayout, paragraph, type FooterProps } from './_components/layout';

export type PasswordResetProps = Omit<FooterProps, 'unsubscribeUrl'> & {
  name: string;
  resetBy: string;
  url: string;
  expires: string;
};

export const subject = (_p: PasswordResetProps) => 'Reset your Vigil password';

export default function PasswordReset(props: PasswordResetProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="Reset your password"
      action={{ label: 'Choose a new password', url: props.url }}
      footer={props}
    >
      <Text style={paragraph}>
        Hello {props.name}, {props.resetBy} reset your Vigil password, and you were signed out
        everywhere. Your previous password no longer works. Choose a new one with this link: it
        works once, until {props.expires}. If the administrator handed you a password instead, you
        can sign in with that.
      </Text>
    </EmailLayout>
  );
}

PasswordReset.PreviewProps = {
  name: 'Maria Lopez',
  resetBy: 'Dana Whitfield',
  url: 'http://localhost:3000/set-password?token=sample',
  expires: 'Tue 14 Apr 2026, 10:00',
  reason:
    'You are getting this because an administrator reset the password of your Vigil account. If you did not ask for it, tell your security team.',
} satisfies PasswordResetProps;
