import { describe, expect, it } from 'vitest';
import { eventPageLinks } from '@/lib/events/page-links';

// Next and Previous on the Events page, page by page, as the URL carries them.

const base = new URLSearchParams({ q: 'event_id:4625', range: '7d' });
const read = (href: string) => {
  const url = new URL(href, 'http://vigil.test');
  return { cursor: url.searchParams.get('cursor'), back: url.searchParams.getAll('back') };
};

describe('event page links', () => {
  it('walks forward and back to the first page, keeping the search', () => {
    const first = eventPageLinks(base, { cursor: null, back: [], nextCursor: 'c2' });
    expect(first.prevHref).toBeNull();
    const second = read(first.nextHref!);
    expect(second).toEqual({ cursor: 'c2', back: [''] });
    expect(first.nextHref).toContain('q=event_id%3A4625');
    expect(first.nextHref).toContain('range=7d');

    const links2 = eventPageLinks(base, { ...second, nextCursor: 'c3' });
    const third = read(links2.nextHref!);
    expect(third).toEqual({ cursor: 'c3', back: ['', 'c2'] });

    const links3 = eventPageLinks(base, { ...third, nextCursor: null });
    expect(links3.nextHref).toBeNull();
    expect(read(links3.prevHref!)).toEqual(second);
    expect(read(eventPageLinks(base, { ...second, nextCursor: 'c3' }).prevHref!)).toEqual({
      cursor: null,
      back: [],
    });
  });
});
