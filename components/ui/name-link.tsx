import Link from 'next/link';

/** A list row's name as the link to its page, the whole name on hover. */
export function NameLink({ href, name }: { href: string; name: string }) {
  return (
    <Link href={href} className="font-medium text-brand-700 underline" title={name}>
      {name}
    </Link>
  );
}
