import type { ItemSummary } from './layout';

/** The task every task template previews with (`npm run email`). */
export const SAMPLE_TASK: ItemSummary = {
  reference: 'TASK-2001',
  title: 'Quarterly review of privileged access to the core banking system',
  url: 'http://localhost:3000/tasks/2001',
  state: 'Open',
  owner: 'Justin Park',
};

export const SAMPLE_TASK_FOOTER = {
  reason: 'You are getting this because you own TASK-2001.',
  unsubscribeUrl: 'http://localhost:3000/unsubscribe?token=sample',
};
