import { LinkButton } from './link-button';

/**
 * Keyset paging: previous and next are links carrying the list's opaque cursor, so a page is a
 * URL (shareable, back button works) and no page ever counts or skips rows.
 */
export function Pagination({
  prevHref,
  nextHref,
  firstHref,
  label = 'Pages',
  firstLabel = 'First',
  prevLabel = 'Previous',
  nextLabel = 'Next',
}: {
  prevHref?: string | null;
  nextHref?: string | null;
  /** For lists that page only forwards: back to the start. */
  firstHref?: string | null;
  label?: string;
  firstLabel?: string;
  prevLabel?: string;
  nextLabel?: string;
}) {
  if (!prevHref && !nextHref && !firstHref) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center gap-3">
      {firstHref && (
        <LinkButton href={firstHref} size="sm">
          ⇤ {firstLabel}
        </LinkButton>
      )}
      {prevHref && (
        <LinkButton href={prevHref} size="sm" rel="prev">
          ← {prevLabel}
        </LinkButton>
      )}
      {nextHref && (
        <LinkButton href={nextHref} size="sm" rel="next">
          {nextLabel} →
        </LinkButton>
      )}
    </nav>
  );
}
