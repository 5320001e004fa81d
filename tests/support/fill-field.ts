import type { Locator } from 'playwright-core';

/**
 * Fills a text field and checks it holds exactly the text. A field the page replaces while
 * Playwright fills it (hydration finishing late on a loaded machine) keeps its old text after
 * the new; one more fill, once the page has settled, is what a person would do.
 */
export async function fillField(field: Locator, text: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await field.fill(text);
    if ((await field.inputValue()) === text) return;
    await field.page().waitForLoadState('networkidle');
  }
  throw new Error(`${field} does not keep the text "${text}"`);
}
