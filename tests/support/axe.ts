import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { pageKey, pathKey, type PageScan, type PageSignature, type Violation } from './axe-report';

// Every page a test's browser shows is checked with axe-core, once per distinct page and state
// (tests/support/axe-report.ts says what "distinct" means). Nothing in a test asks for it:
// launchBrowser() instruments each context, and tests/setup/axe-check.ts fails the file on a
// serious or critical violation.

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

// WCAG 2.2 A/AA plus axe's best practices (landmarks, regions, heading order). The rendered
// email in the development mailbox is an iframe of email HTML, not the app: frames are not entered.
const AXE_OPTIONS = {
  runOnly: {
    type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
  },
  resultTypes: ['violations'],
  iframes: false,
};

const SCAN_TIMEOUT_MS = 20_000;
// A page's DOM quiet for this long after a change (a dialog opened, a form revealed, a client-side
// navigation) is scanned again if its state is new.
const SETTLE_MS = 300;

const scans: PageScan[] = [];
const scannedKeys = new Set<string>();
const running = new Map<Page, Promise<void>>();
const rescan = new Set<Page>();
const failures: string[] = [];
const visited = new Set<string>();

/** Scans of this test file so far, in the order they ran. */
export function accessibilityScans(): readonly PageScan[] {
  return scans;
}

/** Every page (path without ids) a test's browser navigated to, scanned or not. */
export function visitedPages(): string[] {
  return [...visited].sort();
}

/** Scans that failed for another reason than the page moving on (axe itself broke). */
export function accessibilityScanFailures(): readonly string[] {
  return failures;
}

/** Waits for the scans still running, so none is cut off by the browser closing. */
export async function settleAccessibilityScans(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running.values()]);
}

/** Makes every page of the context scanned when it loads and when its state changes. */
export async function instrumentContext(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__vigilA11yChanged', ({ page }) => schedule(page));
  await context.addInitScript(watchForStateChanges, SETTLE_MS);
  for (const page of context.pages()) track(page);
  context.on('page', track);
}

/**
 * Scans the state the page shows now (unless that state was scanned already) and waits for it.
 * screenshot() calls it, so every state a test keeps a picture of is checked for certain; the
 * scans on load and on change are best effort, as a test may move on before they finish.
 */
export async function scanNow(page: Page): Promise<void> {
  schedule(page);
  await running.get(page);
}

function track(page: Page): void {
  page.on('load', () => schedule(page));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url().startsWith('http'))
      visited.add(pathKey(new URL(frame.url()).pathname));
  });
}

function schedule(page: Page): void {
  if (page.isClosed()) return;
  if (running.has(page)) {
    rescan.add(page);
    return;
  }
  const run = (async () => {
    for (let round = 0; round < 5 && !page.isClosed(); round++) {
      rescan.delete(page);
      await scanOnce(page);
      if (!rescan.has(page)) break;
    }
  })()
    .catch((error) => {
      failures.push(String(error));
    })
    .finally(() => running.delete(page));
  running.set(page, run);
}

async function scanOnce(page: Page): Promise<void> {
  let key = '';
  try {
    await waitForTitle(page);
    const signature = await withTimeout(page.evaluate(signatureOfPage));
    key = pageKey(signature);
    if (scannedKeys.has(key)) return;
    scannedKeys.add(key);
    const url = page.url();
    const violations = await withTimeout(runAxe(page));
    scans.push({ key, url, violations });
  } catch (error) {
    // The page moved on or closed mid-scan: this state was not seen whole, so it stays unscanned.
    if (key) scannedKeys.delete(key);
    if (/did not answer within/.test(String(error)))
      console.warn(`[axe] ${key || page.url()} not scanned: ${String(error)}`);
    else if (!isGoneError(error)) throw error;
  }
}

// Next.js streams a page's metadata: in a client-side navigation (the redirect after signing in)
// the old page's <title> is gone before the new one arrives, and a scan in that moment reported
// "document-title" on a page that has one. A page still without a title after this long is
// scanned as it is, so a page that never gets one still fails.
const TITLE_WAIT_MS = 5_000;

export async function waitForTitle(page: Page): Promise<void> {
  await page
    .waitForFunction(() => document.title.trim() !== '', undefined, { timeout: TITLE_WAIT_MS })
    .catch((error: unknown) => {
      if (!/Timeout/i.test(String(error)) && !isGoneError(error)) throw error;
    });
}

/** Runs axe-core over the page as it is now and returns its violations. */
export async function runAxe(page: Page): Promise<Violation[]> {
  // Loaded as an evaluated expression, not eval() in the page: the pages' Content-Security-
  // Policy refuses eval, and rightly so; what the test driver evaluates it lets through.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ options }) => {
      const w = window as unknown as { axe?: AxeGlobal };
      const result = await w.axe!.run(document, options);
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? 'minor',
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.join(' '),
          summary: n.failureSummary ?? '',
        })),
      }));
    },
    { options: AXE_OPTIONS },
  );
}

type AxeGlobal = {
  run: (
    context: Document,
    options: unknown,
  ) => Promise<{
    violations: {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: string[]; failureSummary?: string }[];
    }[];
  }>;
};

function isGoneError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /context was destroyed|Target page, context or browser has been closed|navigat|Execution context|frame was detached/i.test(
    message,
  );
}

async function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the page did not answer within ${SCAN_TIMEOUT_MS} ms`)),
      SCAN_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Runs in the page. Kept self-contained: Playwright sends its source, not its closure.
function signatureOfPage(): PageSignature {
  const visible = (el: Element) =>
    (el as HTMLElement).checkVisibility?.() ?? (el as HTMLElement).offsetParent !== null;
  const any = (selector: string) => [...document.querySelectorAll(selector)].some(visible);
  const states: string[] = [];
  if (any('dialog[open], [role="dialog"], [role="alertdialog"]')) states.push('dialog');
  if (any('[role="listbox"], [role="menu"]')) states.push('popup');
  if (
    [...document.querySelectorAll('[role="alert"]')].some(
      (el) => visible(el) && el.textContent?.trim(),
    )
  )
    states.push('alert');
  const fields = [...document.querySelectorAll('input:not([type="hidden"]), select, textarea')]
    .filter(visible)
    .map((el) => `${el.tagName.toLowerCase()}:${el.getAttribute('name') ?? el.id}`);
  return { path: location.pathname, states, fields: [...new Set(fields)].sort() };
}

// Runs in every document before its own scripts: tells the test side when the page, having
// changed, has been quiet for a moment and shows something new.
function watchForStateChanges(settleMs: number): void {
  if (window !== window.top) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const summary = () => {
    const open = document.querySelectorAll(
      'dialog[open], [role="dialog"], [role="alertdialog"], [role="listbox"], [role="menu"], [role="alert"]',
    ).length;
    const fields = document.querySelectorAll('input, select, textarea').length;
    return `${location.pathname}|${open}|${fields}`;
  };
  new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = summary();
      if (now === last) return;
      last = now;
      (window as unknown as { __vigilA11yChanged?: () => void }).__vigilA11yChanged?.();
    }, settleMs);
  }).observe(document, { subtree: true, childList: true, attributes: true });
}
