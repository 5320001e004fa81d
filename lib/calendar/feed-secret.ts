import { createHash, randomBytes } from 'node:crypto';

// A feed's secret is its URL's last segment: 256 random bits, like an API token, so the
// SHA-256 stored for it is enough (a slow hash would add nothing).

const PREFIX = 'vcal_';

export type FeedKind = 'people' | 'schedules';

export function newFeedSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashFeedSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether a path segment can be a feed secret at all (anything else is a 404 without a query). */
export function looksLikeFeedSecret(value: string): boolean {
  return /^vcal_[A-Za-z0-9_-]{43}$/.test(value);
}

/** "https://vigil.example.com/api/v1/calendar/people/vcal_….ics" */
export function feedUrl(baseUrl: string, kind: FeedKind, secret: string): string {
  return `${baseUrl}/api/v1/calendar/${kind}/${secret}.ics`;
}

/** The secret in a feed URL's last segment ("vcal_….ics"), or undefined. */
export function secretFromFileName(fileName: string): string | undefined {
  const match = /^(.+)\.ics$/.exec(fileName);
  return match && looksLikeFeedSecret(match[1]) ? match[1] : undefined;
}
