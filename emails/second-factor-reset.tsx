import { Text } from '@react-email/components';
import { EmailLayout, paragraph, type FooterProps } from './_components/layout';

export type SecondFactorResetProps = Omit<FooterProps, 'unsubscribeUrl'> & {
  name: string;
  resetBy: string;
  url: string;
};

export const subject = (_p: SecondFactorResetProps) => 'Your Vigil two-step sign-in was reset';

export default function SecondFactorReset(props: SecondFactorResetProps) {
  return (
    <EmailLayout
      preview={subject(props)}
      heading="Two-step sign-in reset"
      action={{ label: 'Set up two-step sign-in', url: props.url }}
      footer={props}
    >
      <Text style={paragraph}>
        Hello {props.name}, {props.resetBy} removed the authenticator app and the recovery codes of
        your Vigil account. Codes from your old app no longer work. Until you set up a new one, your
        password alone signs you in; set it up again with this link.
      </Text>
    </EmailLayout>
  );
}

SecondFactorReset.PreviewProps = {
  name: 'Maria Lopez',
  resetBy: 'Dana Whitfield',
  url: 'http://localhost:3000/two-factor',
  reason:
    'You are getting this because an administrator reset the two-step sign-in of your Vigil account. If you did not ask for it, tell your security team.',
} satisfies SecondFactorResetProps;
