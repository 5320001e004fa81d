import { getDb } from '@/db/client';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { NotFoundError } from '@/lib/errors';
import { generateNow } from '@/lib/schedules/generate';
import { otherMethods } from '@/lib/api/method-not-allowed';

type Context = { params: Promise<{ id: string }> };

/** "Generate now": the current period's task, created unless it exists (201 when created, 200 when it existed). */
export const POST = withApiAuth<Context>(async (_request, actor, { params }) => {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('That task schedule does not exist.');
  const { task, created } = await generateNow(getDb(), actor, id);
  return Response.json(
    {
      created,
      task: {
        id: task.id,
        number: task.number,
        title: task.title,
        occurrenceAt: task.occurrenceAt?.toISOString(),
        dueAt: task.dueAt?.toISOString(),
      },
    },
    { status: created ? 201 : 200 },
  );
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
