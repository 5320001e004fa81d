import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policies, taskAttachments, taskNotes, taskPolicies, tasks, taskWatchers, teams, users, type Task } from '@/db/schema';
import { isOverdue } from './overdue';

export type TaskDetail = Task & {
  overdue: boolean;
  owner: { type: 'user' | 'team'; id: string; name: string } | null;
  createdByName: string | null;
  watchers: { userId: string; name: string; email: string; frequency: 'all' | 'opened_closed' }[];
  policies: { id: string; framework: string; reference: string; title: string }[];
  notes: { id: string; authorId: string | null; authorLabel: string; body: string; createdAt: Date; editedAt: Date | null }[];
  attachments: { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; uploadedAt: Date; uploadedByName: string | null }[];
};

export async function getTaskIdByNumber(db: DbOrTx, number: number): Promise<string | undefined> {
  const [row] = await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.number, number));
  return row?.id;
}

/** One task with everything its page, the API and notifications show. */
export async function getTaskDetail(db: DbOrTx, where: { id: string } | { number: number }, now = new Date()): Promise<TaskDetail | undefined> {
  const [task] = await db
    .select()
    .from(tasks)
    .where('id' in where ? eq(tasks.id, where.id) : eq(tasks.number, where.number));
  if (!task) return undefined;
  const id = task.id;

  const [ownerUser, ownerTeam, creator, watchers, policyRows, notes, attachments] = await Promise.all([
    task.ownerUserId ? db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, task.ownerUserId)) : [],
    task.ownerTeamId ? db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, task.ownerTeamId)) : [],
    task.createdById ? db.select({ name: users.name }).from(users).where(eq(users.id, task.createdById)) : [],
    db
      .select({ userId: users.id, name: users.name, email: users.email, frequency: taskWatchers.frequency })
      .from(taskWatchers)
      .innerJoin(users, eq(users.id, taskWatchers.userId))
      .where(eq(taskWatchers.taskId, id))
      .orderBy(asc(users.name)),
    db
      .select({ id: policies.id, framework: policies.framework, reference: policies.reference, title: policies.title })
      .from(taskPolicies)
      .innerJoin(policies, eq(policies.id, taskPolicies.policyId))
      .where(eq(taskPolicies.taskId, id))
      .orderBy(asc(policies.framework), asc(policies.reference)),
    db
      .select({
        id: taskNotes.id,
        authorId: taskNotes.authorId,
        authorLabel: taskNotes.authorLabel,
        body: taskNotes.body,
        createdAt: taskNotes.createdAt,
        editedAt: taskNotes.editedAt,
      })
      .from(taskNotes)
      .where(eq(taskNotes.taskId, id))
      .orderBy(asc(taskNotes.createdAt)),
    db
      .select({
        id: taskAttachments.id,
        fileName: taskAttachments.fileName,
        contentType: taskAttachments.contentType,
        sizeBytes: taskAttachments.sizeBytes,
        sha256: taskAttachments.sha256,
        uploadedAt: taskAttachments.uploadedAt,
        uploadedByName: users.name,
      })
      .from(taskAttachments)
      .leftJoin(users, eq(users.id, taskAttachments.uploadedById))
      .where(eq(taskAttachments.taskId, id))
      .orderBy(asc(taskAttachments.uploadedAt)),
  ]);

  const owner = ownerUser[0] ? { type: 'user' as const, ...ownerUser[0] } : ownerTeam[0] ? { type: 'team' as const, ...ownerTeam[0] } : null;
  return { ...task, overdue: isOverdue(task, now), owner, createdByName: creator[0]?.name ?? null, watchers, policies: policyRows, notes, attachments };
}
