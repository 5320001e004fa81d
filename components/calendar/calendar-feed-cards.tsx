import {
  createPersonFeedAction,
  revokePersonFeedAction,
} from '@/app/(app)/settings/profile/calendar-feed-actions';
import {
  createScheduleFeedAction,
  revokeScheduleFeedAction,
} from '@/app/(app)/schedules/[id]/calendar-feed-actions';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import type { TaskSchedule } from '@/db/schema';
import type { UserActor } from '@/lib/auth/actor';
import { OCCURRENCE_HORIZON_DAYS } from '@/lib/calendar/feed-items';
import { getLiveCalendarFeed, mayManageScheduleFeed } from '@/lib/calendar/manage-feeds';
import { formatDateTime } from '@/lib/time/format';
import { CalendarFeedSection } from './calendar-feed-section';

// The "Calendar feed" cards of the profile page and of a schedule's page.

async function liveState(subject: { userId: string } | { scheduleId: string }, timeZone: string) {
  const feed = await getLiveCalendarFeed(getDb(), subject);
  return feed
    ? {
        created: formatDateTime(feed.createdAt, timeZone),
        lastFetched: feed.lastFetchedAt ? formatDateTime(feed.lastFetchedAt, timeZone) : null,
      }
    : null;
}

export async function PersonCalendarFeedCard({ user }: { user: { id: string; timeZone: string } }) {
  return (
    <Card title="Calendar feed">
      <p className="mb-3 text-sm text-slate-600">
        Subscribe to your tasks’ due dates and your schedules’ next {OCCURRENCE_HORIZON_DAYS} days
        in Google Calendar, Outlook or Apple Calendar: open tasks you own (yourself or through a
        team) or watch, and the schedules you own or watch. The address is secret: anyone who has it
        sees these titles.
      </p>
      <CalendarFeedSection
        live={await liveState({ userId: user.id }, user.timeZone)}
        canManage
        create={createPersonFeedAction}
        revoke={revokePersonFeedAction}
      />
    </Card>
  );
}

export async function ScheduleCalendarFeedCard({
  schedule,
  actor,
}: {
  schedule: Pick<TaskSchedule, 'id' | 'ownerUserId' | 'ownerTeamId'>;
  actor: UserActor;
}) {
  const canManage = await mayManageScheduleFeed(getDb(), actor, schedule);
  return (
    <Card title="Calendar feed">
      <p className="mb-3 text-sm text-slate-600">
        A feed for the team: this schedule’s next {OCCURRENCE_HORIZON_DAYS} days and the due dates
        of its open tasks.{' '}
        {canManage
          ? 'Share the address with those who do the work; it is shown once.'
          : 'Its owner, or someone who manages schedules, makes the address and shares it.'}
      </p>
      <CalendarFeedSection
        live={await liveState({ scheduleId: schedule.id }, actor.timeZone ?? 'UTC')}
        canManage={canManage}
        create={createScheduleFeedAction.bind(null, schedule.id)}
        revoke={revokeScheduleFeedAction.bind(null, schedule.id)}
      />
    </Card>
  );
}
