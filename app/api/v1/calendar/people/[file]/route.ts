import { otherMethods } from '@/lib/api/method-not-allowed';
import { calendarFeedRoute } from '@/lib/calendar/feed-route';

// A person's iCalendar feed; the secret URL is made on the profile page.
export const GET = calendarFeedRoute('people');

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
