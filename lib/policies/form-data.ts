import type { CreatePolicyInput, UpdatePolicyInput } from './schemas';

// The policy form's fields as the domain functions take them.

export function policyFormToInput(form: FormData): CreatePolicyInput & {
  changeNote: string;
} {
  const text = (name: string) => String(form.get(name) ?? '');
  return {
    reference: text('reference'),
    title: text('title'),
    statement: text('statement'),
    url: text('url'),
    owner: text('owner'),
    reviewIntervalMonths: text('reviewIntervalMonths').trim(),
    changeNote: text('changeNote'),
  };
}

export function policyFormToUpdate(form: FormData): UpdatePolicyInput {
  return { ...policyFormToInput(form), version: Number(form.get('version')) };
}
