import type { Metadata } from 'next';
import { PersonCalendarFeedCard } from '@/components/calendar/calendar-feed-cards';
import { MfaCard } from '@/components/settings/mfa-card';
import { NotificationPreferencesForm } from '@/components/settings/notification-preferences-form';
import { PasswordForm, ProfileForm } from '@/components/settings/profile-forms';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/db/client';
import { getNotificationPreferences } from '@/lib/notifications/preferences';
import { getSecondFactorStatus } from '@/lib/users/mfa-status';

export const metadata: Metadata = { title: 'Your profile' };

export default async function ProfilePage() {
  const user = await requireUser();
  const [preferences, secondFactor] = await Promise.all([
    getNotificationPreferences(getDb(), user.id),
    getSecondFactorStatus(getDb(), user),
  ]);
  return (
    <>
      <PageHeader title="Your profile" description={`${user.email} · ${ROLE_LABELS[user.role]}`} />
      <div className="grid max-w-4xl gap-6 md:grid-cols-2">
        <Card title="Profile">
          <ProfileForm name={user.name} timeZone={user.timeZone} />
        </Card>
        <Card title="Password">
          <PasswordForm />
        </Card>
        <Card title="Two-step sign-in">
          <MfaCard {...secondFactor} />
        </Card>
        <Card title="Email notifications">
          <NotificationPreferencesForm {...preferences} timeZone={user.timeZone} />
        </Card>
        <PersonCalendarFeedCard user={user} />
      </div>
    </>
  );
}
