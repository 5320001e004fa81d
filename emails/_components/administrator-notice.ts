/** Why every administrator's notice was sent, and what those notices preview with (`npm run email`). */
export const SAMPLE_SCHEDULE = {
  scheduleId: '7f1d2a4e-0000-4000-8000-000000000001',
  scheduleName: 'Weekly failed-logon review',
  url: 'http://localhost:3000/schedules/7f1d2a4e-0000-4000-8000-000000000001',
};

export const ADMINISTRATOR_NOTICE_REASON =
  'You are getting this because you are a Vigil administrator: every active administrator is told when a schedule could not do what it planned. These alerts cannot be muted.';
