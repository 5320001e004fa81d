/**
 * What `npm start` sets VIGIL_MAIL to for its worker: the development mailbox only for the
 * embedded database with no mail server configured (a demo on this machine). With a
 * configured DATABASE_URL it stays unset, so production without SMTP or Resend says so
 * instead of quietly keeping usable links in the database.
 */
export function launcherMailDefault(env: Record<string, string | undefined>): 'dev' | undefined {
  if (env.VIGIL_MAIL || env.DATABASE_URL || env.SMTP_URL || env.RESEND_API_KEY) return undefined;
  return 'dev';
}
