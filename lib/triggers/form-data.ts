import { getTriggerExample } from './examples';
import type { CreateTriggerInput } from './schemas';

/** The new and edit forms' fields as the domain's input (numbers stay text: the schema coerces them). */
export function triggerFormToInput(form: FormData): CreateTriggerInput {
  const text = (name: string) => String(form.get(name) ?? '');
  return {
    name: text('name'),
    description: text('description'),
    query: text('query'),
    intervalMinutes: text('intervalMinutes') as unknown as number,
    threshold: text('threshold') as unknown as number,
    severity: text('severity') as CreateTriggerInput['severity'],
    owner: text('owner'),
  };
}

/** The example a new trigger was copied from, when the form says one it knows. */
export function exampleOrigin(form: FormData): { templateKey: string } | undefined {
  const key = String(form.get('templateKey') ?? '');
  return getTriggerExample(key) ? { templateKey: key } : undefined;
}
