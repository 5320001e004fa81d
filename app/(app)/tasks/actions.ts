'use server';

import { changeTaskState } from '@/lib/tasks/change-state';
import { createTask } from '@/lib/tasks/create-task';
import { taskFormToInput } from '@/lib/tasks/form-data';
import { taskKind } from '@/lib/tasks/ticket-kind';
import { updateTask } from '@/lib/tasks/update-task';
import { addNoteFromForm, runTicketAction, saveTicketForm } from '@/lib/tickets/ticket-action';

export async function createTaskAction(_previous: unknown, form: FormData) {
  return saveTicketForm(
    taskKind,
    async (db, actor) => {
      const input = taskFormToInput(form, actor.timeZone ?? 'UTC');
      return (await createTask(db, actor, { ...input, title: input.title ?? '' })).task;
    },
    // The banner it shows is about this version only.
    (saved) => `?created=${saved.version}`,
  );
}

export async function updateTaskAction(taskId: string, _previous: unknown, form: FormData) {
  return saveTicketForm(taskKind, (db, actor) =>
    updateTask(db, actor, taskId, {
      ...taskFormToInput(form, actor.timeZone ?? 'UTC'),
      version: Number(form.get('version')),
    }),
  );
}

/** One button per transition: the form sends which one and the state it was rendered for. */
export async function changeTaskStateAction(taskId: string, _previous: unknown, form: FormData) {
  const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
  const input = {
    version: Number(form.get('version')),
    transition: String(form.get('transition') ?? '') as never,
    from: String(form.get('from') ?? '') as never,
    findings: text('findings'),
    reason: text('reason'),
  };
  return runTicketAction(
    taskKind,
    (db, actor) => changeTaskState(db, actor, taskId, input),
    'State changed.',
  );
}

export async function addTaskNoteAction(taskId: string, _previous: unknown, form: FormData) {
  return addNoteFromForm(taskKind, taskId, form);
}
