import { otherMethods } from '@/lib/api/method-not-allowed';
export { POST } from '@/lib/events/api/post-events';
export { GET } from '@/lib/events/api/get-events';

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
