'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import {
  createNoticeRule,
  setNoticeRuleEnabled,
  updateNoticeRule,
} from '@/lib/notice-clocks/rules';

const fields = (form: FormData) => {
  const field = (name: string) => String(form.get(name) ?? '');
  return {
    name: field('name'),
    notify: field('notify'),
    citation: field('citation'),
    summary: field('summary'),
    deadlineHours: field('deadlineHours'),
    clockStartsWhen: field('clockStartsWhen'),
  };
};

async function run(work: () => Promise<unknown>, message: string): Promise<ActionResult> {
  const result = await toActionResult(async () => {
    await work();
    return undefined;
  }, message);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function setNoticeRuleEnabledAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult> {
  const actor = await currentActor();
  const enabled = form.get('enabled') === 'true';
  return run(
    () =>
      setNoticeRuleEnabled(getDb(), actor, {
        ruleId: String(form.get('ruleId') ?? ''),
        enabled,
        version: String(form.get('version') ?? ''),
      }),
    enabled ? 'Rule enabled.' : 'Rule disabled.',
  );
}

export async function createNoticeRuleAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult> {
  const actor = await currentActor();
  return run(() => createNoticeRule(getDb(), actor, fields(form)), 'Rule added and enabled.');
}

export async function updateNoticeRuleAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult> {
  const actor = await currentActor();
  return run(
    () =>
      updateNoticeRule(getDb(), actor, {
        ...fields(form),
        ruleId: String(form.get('ruleId') ?? ''),
        version: String(form.get('version') ?? ''),
      }),
    'Rule saved.',
  );
}
