import { signInWithSsoAction } from '@/app/(auth)/sign-in/sso-actions';
import { Button } from '@/components/ui/button';

/** "Sign in with <provider>": a form, so it works before the page's scripts have loaded. */
export function SsoButton({ name, callbackUrl }: { name: string; callbackUrl?: string }) {
  return (
    <form action={signInWithSsoAction}>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <Button type="submit" className="w-full">
        Sign in with {name}
      </Button>
    </form>
  );
}
