'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { changeTaskState } from '@/lib/tasks/change-state';
import { createTask } from '@/lib/tasks/create-task';
import { taskFormToInput } from '@/lib/tasks/form-data';
import { addTaskNote } from '@/lib/tasks/evidence';
import { updateTask } from '@/lib/tasks/update-task';

export async function createTaskAction(_previous: unknown, form: FormData): Promise<ActionResult<{ number: number; version: number }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const input = taskFormToInput(form, actor.timeZone ?? 'UTC');
    const { task } = await createTask(getDb(), actor, { ...input, title: input.title ?? '' });
    return { number: task.number, version: task.version };
  });
  if (!result.ok) return result;
  revalidatePath('/tasks');
  // The banner it shows is about this version only.
  redirect(`/tasks/${result.data.number}?created=${result.data.version}`);
}

export async function updateTaskAction(taskId: string, _previous: unknown, form: FormData): Promise<ActionResult<{ number: number }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const input = taskFormToInput(form, actor.timeZone ?? 'UTC');
    const task = await updateTask(getDb(), actor, taskId, { ...input, version: Number(form.get('version')) });
    return { number: task.number };
  });
  if (!result.ok) return result;
  revalidatePath('/tasks', 'layout');
  redirect(`/tasks/${result.data.number}`);
}

/** One button per transition: the form sends which one and the state it was rendered for. */
export async function changeTaskStateAction(taskId: string, _previous: unknown, form: FormData): Promise<ActionResult> {
  const actor = await currentActor();
  const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
  const result = await toActionResult(async () => {
    await changeTaskState(getDb(), actor, taskId, {
      version: Number(form.get('version')),
      transition: String(form.get('transition') ?? '') as never,
      from: String(form.get('from') ?? '') as never,
      findings: text('findings'),
      reason: text('reason'),
    });
    return undefined;
  }, 'State changed.');
  if (result.ok) revalidatePath('/tasks', 'layout');
  return result;
}

export async function addTaskNoteAction(taskId: string, _previous: unknown, form: FormData): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await addTaskNote(getDb(), actor, taskId, { body: String(form.get('body') ?? '') });
    return undefined;
  }, 'Note added.');
  if (result.ok) revalidatePath('/tasks', 'layout');
  return result;
}
