import type postgres from 'postgres';

// Seeds a task history fast, in PostgreSQL itself (written by the dashboard work).
export async function seedTasks(
  _sql: postgres.Sql,
  _count: number,
  _people: { users: string[]; teams: string[]; admin: string },
): Promise<void> {
  throw new Error('seedTasks is not written yet.');
}
