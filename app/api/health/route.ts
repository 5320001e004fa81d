import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

// For load balancers: 200 when this web process can reach PostgreSQL, 503 otherwise.
export async function GET() {
  try {
    await getDb().execute(sql`select 1`);
    return Response.json({ status: 'ok' });
  } catch {
    return Response.json(
      { status: 'unavailable', reason: 'database unreachable' },
      { status: 503 },
    );
  }
}
