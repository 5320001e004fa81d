import { signOut } from '@/lib/auth/next-auth';

export function SignOutButton() {
  return (
    <form
      action={async () => {
        'use server';
        await signOut({ redirectTo: '/sign-in' });
      }}
    >
      <button
        type="submit"
        className="rounded-md px-2 py-1 text-sm text-slate-300 hover:bg-white/10 hover:text-white"
      >
        Sign out
      </button>
    </form>
  );
}
