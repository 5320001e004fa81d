import { complianceCsvRoute } from '@/lib/reports/csv-route';

export const GET = complianceCsvRoute('schedules');
