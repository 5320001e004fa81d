/**
 * Whether `npm start` seeds the demo organization on its first run: an explicit
 * VIGIL_DEMO_DATA wins; otherwise only the embedded database (no DATABASE_URL) gets it, so a
 * PostgreSQL someone configured never receives demo accounts with a shared, printed password.
 */
export function wantsDemoData(env: { VIGIL_DEMO_DATA?: boolean; DATABASE_URL?: string }): boolean {
  return env.VIGIL_DEMO_DATA ?? !env.DATABASE_URL;
}
