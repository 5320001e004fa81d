import Link from 'next/link';

export default function Forbidden() {
  return (
    // Shown inside the app's own <main>: a second main landmark would confuse screen readers.
    <div className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">
        You don&apos;t have permission to open this page
      </h1>
      <p className="mt-3 text-sm text-slate-600">
        Your role does not allow it. If you need access, ask an administrator to change your role.
      </p>
      <Link
        href="/dashboard"
        className="mt-6 inline-block text-sm font-medium text-brand-700 underline"
      >
        Back to the dashboard
      </Link>
    </div>
  );
}
