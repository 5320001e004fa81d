import { signOut } from '@/lib/auth/next-auth';

/** Signing out is the one other thing a user who must set up two-step sign-in may do. */
export function SignOutButton() {
  return (
    <form
      action={async () => {
        'use server';
        await signOut({ redirectTo: '/sign-in' });
      }}
    >
      <button type="submit" className="text-slate-600 underline">
        Sign out
      </button>
    </form>
  );
}
