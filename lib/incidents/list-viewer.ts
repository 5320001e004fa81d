// The incident list reads its viewer like every list does.
export { getListViewer as getIncidentListViewer } from '@/lib/tickets/list-viewer';
