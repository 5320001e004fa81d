import { systemActor } from '@/lib/auth/actor';

/** Who the activity log names for what the generator does on its own. */
export const GENERATION_ACTOR = systemActor('worker:schedules');
