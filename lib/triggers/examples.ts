import type { Severity } from '@/db/schema';

// Triggers for the library's Windows queries (lib/library/templates.ts): the review a
// schedule asks for weekly, watched every few minutes. "Add from example" on the triggers
// page copies one into the new-trigger form; the copy records the example's key
// (templateKey) and is never changed when an example is revised.

export type TriggerExample = {
  key: string;
  name: string;
  description: string;
  query: string;
  intervalMinutes: number;
  threshold: number;
  severity: Severity;
  /** The library template whose query this watches. */
  libraryKey: string;
};

export const TRIGGER_EXAMPLES: readonly TriggerExample[] = [
  {
    key: 'failed-logon-burst',
    name: 'Failed logon burst',
    description:
      'Ten or more failed logons (4625) in five minutes: password guessing or a misconfigured service. Group the evidence by account and source host.',
    query: 'event_id:4625',
    intervalMinutes: 5,
    threshold: 10,
    severity: 'medium',
    libraryKey: 'failed-logons',
  },
  {
    key: 'audit-log-cleared',
    name: 'Audit log cleared',
    description:
      'The Windows security log was cleared (1102; 517 on older systems): what an intruder does to hide. Every clear needs an approved maintenance reason.',
    query: 'event_id:1102 OR event_id:517',
    intervalMinutes: 5,
    threshold: 1,
    severity: 'high',
    libraryKey: 'security-log-cleared',
  },
  {
    key: 'privileged-group-change',
    name: 'Privileged group change',
    description:
      'A member was added to a security-enabled global (4728), local (4732) or universal (4756) group. Find the approved change behind it.',
    query: 'event_id:(4728 OR 4732 OR 4756)',
    intervalMinutes: 15,
    threshold: 1,
    severity: 'high',
    libraryKey: 'privileged-group-changes',
  },
];

export function getTriggerExample(key: string): TriggerExample | undefined {
  return TRIGGER_EXAMPLES.find((example) => example.key === key);
}
