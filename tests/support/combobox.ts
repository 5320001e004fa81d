import type { Locator, Page } from 'playwright-core';

// Driving components/ui/combobox.tsx as a person does: type to filter, then pick.

type Scope = Page | Locator;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An option's accessible name: its label, then the address or detail it shows after it. */
export function optionName(option: string): RegExp {
  return new RegExp(`^${escape(option)}(?: |$)`);
}

/** The open list of the single-choice combobox labelled `label` ("Suggestions Owner"). */
export function comboboxList(scope: Scope, label: string): Locator {
  return scope.getByRole('listbox', { name: new RegExp(`^Suggestions ${escape(label)}$`) });
}

/** Picks `option` in the single-choice combobox labelled `label`, typing `typed` first. */
export async function chooseOption(
  scope: Scope,
  label: string,
  option: string,
  typed = option,
): Promise<void> {
  const input = scope.getByRole('combobox', { name: label, exact: true });
  // Already focused means already hydrated (and clicking would not reopen the list).
  if (!(await input.evaluate((el) => el === document.activeElement)))
    await openCombobox(scope, label);
  await input.fill(typed);
  await comboboxList(scope, label)
    .getByRole('option', { name: optionName(option) })
    .waitFor();
  // By keyboard, as the first match: `typed` must single out the option (checked below).
  await input.press('ArrowDown');
  await input.press('Enter');
  const chosen = await input.inputValue();
  if (chosen !== option)
    throw new Error(`Typing "${typed}" in ${label} chose "${chosen}", not "${option}"`);
}

/**
 * Clicks into the combobox and waits for its list: the list opens only once the page is
 * hydrated, and text typed before that would be lost.
 */
export async function openCombobox(scope: Scope, label: string): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await comboboxList(scope, label).waitFor();
}

/** The text the single-choice combobox shows for its value. */
export async function chosenOption(scope: Scope, label: string): Promise<string> {
  return scope.getByRole('combobox', { name: label, exact: true }).inputValue();
}

/** Toggles `option` in the many-choice list labelled `label` (Watchers, Policies). */
export async function toggleOption(
  scope: Scope,
  label: string,
  option: string,
  typed = option,
): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  const choice = scope
    .getByRole('listbox', { name: `${label}: choices` })
    .getByRole('option', { name: optionName(option) });
  await input.fill(typed);
  // Text filled while another combobox's list is still closing can fail to open this one's
  // list (seen once under load, in CI): type it again once rather than wait 30 s for nothing.
  const shown = await choice.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (!shown) {
    await input.fill('');
    await input.fill(typed);
  }
  await choice.click();
}
