import { systemActor } from '@/lib/auth/actor';

/** Who the activity log and the incidents name for what a trigger does on its own. */
export const TRIGGER_ACTOR = systemActor('worker:triggers');
