export { POST } from '@/lib/events/api/post-events';
export { GET } from '@/lib/events/api/get-events';
