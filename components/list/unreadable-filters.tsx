import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';

/** A list page opened from a link whose filters do not parse: each problem, and a way back. */
export function UnreadableFilters({
  title,
  fieldErrors,
  resetHref,
  resetLabel,
}: {
  title: string;
  fieldErrors: Record<string, string>;
  resetHref: string;
  resetLabel: string;
}) {
  return (
    <>
      <PageHeader title={title} />
      <Alert tone="error">
        <p className="font-medium">This link’s filters cannot be read.</p>
        <ul className="mt-1 list-disc pl-5">
          {Object.entries(fieldErrors).map(([field, message]) => (
            <li key={field}>
              <code>{field}</code>: {message}
            </li>
          ))}
        </ul>
        <Link href={resetHref} className="mt-2 inline-block font-medium underline">
          {resetLabel}
        </Link>
      </Alert>
    </>
  );
}
