import type { MailConfig } from '../../lib/email/mail-config';

// Benchmark workers deliver notifications to the development mailbox, as an install
// without mail settings does, so the measured worker does the work a real one does.
export const BENCH_MAIL: MailConfig = {
  publicUrl: 'http://localhost:3000',
  authSecret: 'benchmark-only-secret-never-used-for-sessions',
};
