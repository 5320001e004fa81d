import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { instrumentContext, scanNow, settleAccessibilityScans } from './axe';

// Debian's Chromium, driven by playwright-core. The flags keep it off the network:
// this machine has none, and Chromium's background fetches would only fail noisily.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Chromium as it comes, without the accessibility checks. */
export async function launchChromium(extraFlags: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...FLAGS, ...extraFlags],
  });
}

/** Chromium whose every context is checked with axe-core as the test goes (tests/support/axe.ts). */
export async function launchBrowser(extraFlags: string[] = []): Promise<Browser> {
  const browser = await launchChromium(extraFlags);
  // newPage() goes through newContext(), so this covers both.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    // Reduced motion, as many users ask for: buttons then change colour at once (motion-safe
    // transitions, components/ui/button.tsx), so a scan taken as a saved form re-enables its
    // button reads the button's colours, not a frame halfway between disabled and enabled.
    const context = await newContext({ reducedMotion: 'reduce', ...options });
    await instrumentContext(context);
    return context;
  };
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    await settleAccessibilityScans();
    await close(options);
  };
  return browser;
}

/** A checked Chromium with one fresh context and its page, for a test file that runs in order. */
export async function openBrowserPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser();
  const page = await (await browser.newContext()).newPage();
  return { browser, page };
}

const SCREENSHOTS = 'test-results/e2e';

/** Keeps a full-page screenshot as a test artefact under test-results/; the state is checked with axe too. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await scanNow(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

export async function signIn(
  page: Page,
  appUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A page of its own context (its own cookies), signed in and on the dashboard. */
export async function openSignedIn(
  browser: Browser,
  appUrl: string,
  email: string,
  password: string,
): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, appUrl, email, password);
  await page.waitForURL(`${appUrl}/dashboard`);
  return page;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);
}

/** A fresh browser with one page, signed in and on the dashboard. */
export async function signedInBrowser(
  appUrl: string,
  email: string,
  password: string,
): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser();
  const page = await (await browser.newContext()).newPage();
  await signIn(page, appUrl, email, password);
  await page.waitForURL(`${appUrl}/dashboard`);
  return { browser, page };
}
