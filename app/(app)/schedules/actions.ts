'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { openSaved } from '@/lib/actions/open-saved';
import { currentActor } from '@/lib/auth/session';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { dstNotes } from '@/lib/schedules/dst-notes';
import {
  recurrenceFromValues,
  scheduleFormToInput,
  type RecurrenceFormValues,
} from '@/lib/schedules/form-data';
import { generateNow } from '@/lib/schedules/generate';
import {
  nextOccurrences,
  recurrenceInWords,
  recurrenceSchema,
  toRruleString,
} from '@/lib/schedules/recurrence';
import type { CreateScheduleInput } from '@/lib/schedules/schemas';
import { setScheduleActive, updateSchedule } from '@/lib/schedules/update-schedule';
import { formatDateTime } from '@/lib/time/format';
import { parseInput } from '@/lib/validation';

export async function createScheduleAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult<{ id: string }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const schedule = await createSchedule(
      getDb(),
      actor,
      scheduleFormToInput(form) as CreateScheduleInput,
    );
    return { id: schedule.id };
  });
  return openSaved(result, '/schedules');
}

export async function updateScheduleAction(
  scheduleId: string,
  _previous: unknown,
  form: FormData,
): Promise<ActionResult<{ id: string }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const input = scheduleFormToInput(form);
    await updateSchedule(getDb(), actor, scheduleId, {
      ...input,
      dueInDays: input.dueInDays as number,
      version: Number(form.get('version')),
      confirmPeriodChange: form.get('confirmPeriodChange') === 'true',
    });
    return { id: scheduleId };
  });
  return openSaved(result, '/schedules', 'layout');
}

export async function setActiveAction(
  scheduleId: string,
  version: number,
  active: boolean,
): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(
    async () => {
      await setScheduleActive(getDb(), actor, scheduleId, { version, active });
      return undefined;
    },
    active
      ? 'Resumed: the next occurrence will create its task.'
      : 'Paused: no tasks will be created until it is resumed. Tasks already created are kept.',
  );
  if (result.ok) revalidatePath('/schedules', 'layout');
  return result;
}

export async function generateNowAction(
  scheduleId: string,
): Promise<ActionResult<{ number: number; created: boolean }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const { task, created } = await generateNow(getDb(), actor, scheduleId);
    return { number: task.number, created };
  });
  if (result.ok) {
    result.message = result.data.created
      ? `Created TASK-${result.data.number}.`
      : `TASK-${result.data.number} already exists for this period.`;
    revalidatePath('/schedules', 'layout');
    revalidatePath('/tasks');
  }
  return result;
}

export type RecurrencePreview =
  | { ok: true; words: string; next: string[]; dstNotes: string[] }
  | { ok: false; fieldErrors: Record<string, string> };

/** The form's live preview: validates the recurrence, lists its next five occurrences and says what daylight-saving changes in the next year do to its time. */
export async function previewRecurrenceAction(
  values: RecurrenceFormValues,
): Promise<RecurrencePreview> {
  await currentActor();
  try {
    const recurrence = parseInput(recurrenceSchema, recurrenceFromValues(values));
    const now = new Date();
    const next = nextOccurrences(toRruleString(recurrence), now, 5).map((d) =>
      formatDateTime(d, recurrence.timeZone),
    );
    return {
      ok: true,
      words: recurrenceInWords(recurrence),
      next,
      dstNotes: dstNotes(recurrence, now),
    };
  } catch (error) {
    const fieldErrors = (error as { fieldErrors?: Record<string, string> }).fieldErrors;
    return { ok: false, fieldErrors: fieldErrors ?? { _form: 'That recurrence cannot be read.' } };
  }
}
