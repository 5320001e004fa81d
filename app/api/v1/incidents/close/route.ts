import { deprecatedAlias } from '@/lib/api/deprecated-alias';
import { POST as bulkClose } from '../bulk/close/route';

// The old name of POST /api/v1/incidents/bulk/close, kept for one release.
export const POST = deprecatedAlias(bulkClose, '/api/v1/incidents/bulk/close');
