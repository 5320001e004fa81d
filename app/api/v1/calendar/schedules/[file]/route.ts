import { otherMethods } from '@/lib/api/method-not-allowed';
import { calendarFeedRoute } from '@/lib/calendar/feed-route';

// A schedule's iCalendar feed for its team; the secret URL is made on the schedule's page.
export const GET = calendarFeedRoute('schedules');

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
