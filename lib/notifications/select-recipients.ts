import type { NotificationDelivery, WatchFrequency } from '@/db/schema';
import type { NotificationEvent } from './queue-notification';

/** A person connected to an item, before preferences are applied. */
export type Candidate = {
  userId: string;
  email: string;
  name: string;
  timeZone: string;
  active: boolean;
  via:
    | { kind: 'owner' }
    | { kind: 'team-owner'; teamName: string }
    | { kind: 'watcher'; frequency: WatchFrequency };
};

export type DeliveryPreference = {
  delivery: NotificationDelivery;
  digestHour: number;
  includeOwnChanges: boolean;
};

export const DEFAULT_PREFERENCE: DeliveryPreference = {
  delivery: 'immediate',
  digestHour: 8,
  includeOwnChanges: false,
};

export type Recipient = Candidate & {
  delivery: NotificationDelivery;
  preference: DeliveryPreference;
};

// "Only when opened and closed" watchers hear of an item's beginning and end, nothing between.
const OPENED_CLOSED_EVENTS: ReadonlySet<NotificationEvent> = new Set([
  'opened',
  'closed',
  'invalid',
]);
// A response-target warning or a "due tomorrow" in tomorrow's digest would arrive after the
// deadline it warns of. "Overdue" follows the reader's choice: a digest is a daily nudge too.
const ALWAYS_IMMEDIATE: ReadonlySet<NotificationEvent> = new Set([
  'response-at-risk',
  'response-breached',
  'due-tomorrow',
]);

const PRIORITY = { owner: 0, 'team-owner': 1, watcher: 2 } as const;

/**
 * Who hears of an event, and how: owners (each member of an owning team) and watchers by
 * their frequency, less the person who made the change (unless they asked), deactivated
 * people, and those who muted the item. A person reached several ways counts once, by the
 * strongest tie (owning beats watching, so an owner who also watches "opened and closed"
 * still hears everything).
 */
export function selectRecipients(input: {
  candidates: Candidate[];
  event: NotificationEvent;
  actorId: string | null;
  mutedUserIds: ReadonlySet<string>;
  preferences: ReadonlyMap<string, DeliveryPreference>;
}): Recipient[] {
  const strongest = new Map<string, Candidate>();
  for (const c of input.candidates) {
    const seen = strongest.get(c.userId);
    if (!seen || PRIORITY[c.via.kind] < PRIORITY[seen.via.kind]) strongest.set(c.userId, c);
  }
  const recipients: Recipient[] = [];
  for (const c of strongest.values()) {
    if (!c.active || input.mutedUserIds.has(c.userId)) continue;
    if (
      c.via.kind === 'watcher' &&
      c.via.frequency === 'opened_closed' &&
      !OPENED_CLOSED_EVENTS.has(input.event)
    )
      continue;
    const preference = input.preferences.get(c.userId) ?? DEFAULT_PREFERENCE;
    if (c.userId === input.actorId && !preference.includeOwnChanges) continue;
    const delivery = ALWAYS_IMMEDIATE.has(input.event) ? 'immediate' : preference.delivery;
    recipients.push({ ...c, delivery, preference });
  }
  return recipients;
}

/** The line at the foot of every email saying why this person got it. */
export function reasonFor(via: Candidate['via'], reference: string): string {
  switch (via.kind) {
    case 'owner':
      return `You are getting this because you own ${reference}.`;
    case 'team-owner':
      return `You are getting this because ${via.teamName}, a team you belong to, owns ${reference}.`;
    case 'watcher':
      return via.frequency === 'all'
        ? `You are getting this because you watch ${reference} (all notifications).`
        : `You are getting this because you watch ${reference} (only when it is opened and closed).`;
  }
}
