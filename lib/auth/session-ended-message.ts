import type { SessionEnd } from './session-limits';

// The sign-in page's account of why the visitor was signed out, carried in its query string
// (`ended=idle&after=30`). Only the numbers travel; the words are ours, so a crafted link can
// make the page say nothing a real timeout would not.

export function sessionEndedQuery(end: SessionEnd): Record<string, string> {
  return end.reason === 'idle'
    ? { ended: 'idle', after: String(end.minutes) }
    : { ended: 'absolute', after: String(end.hours) };
}

export function sessionEndedMessage(ended: unknown, after: unknown): string | null {
  const n = typeof after === 'string' && /^\d{1,3}$/.test(after) ? Number(after) : null;
  if (!n) return null;
  if (ended === 'idle')
    return `Your session ended after ${n} minutes without activity. Sign in again.`;
  if (ended === 'absolute')
    return `Your session ended ${n} ${n === 1 ? 'hour' : 'hours'} after you signed in. Sign in again.`;
  return null;
}
