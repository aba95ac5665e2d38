import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where the review tests save screenshots (gitignored; look at them). */
export const reviewScreenshotDir = join(process.cwd(), 'test-artifacts', 'review');

/** Launches Debian's Chromium headless with the flags that work as root in a container. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(reviewScreenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A browser context (its own cookies) with a Chinese locale and a desktop viewport (or `phone`: 390×844, touch); page errors are collected. */
export async function newReviewContext(browser: Browser, options: { phone?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    ...(options.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport: { width: 1440, height: 900 } }),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    // A 409 conflict or a 422 refusal is an answer the page shows, not an error of the page.
    if (message.type() === 'error' && !/status of (409|422)/.test(message.text())) errors.push(message.text());
  });
  return { context, page, errors };
}

/** A browser context with a phone's viewport (390×844, touch). */
export function newPhoneContext(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  return newReviewContext(browser, { phone: true });
}

/** One signed-in desktop page per user, opened on first use; `pages` keeps their errors for the final check. */
export function signedInPages(browser: () => Browser, baseUrl: () => string, password: string): { as(username: string): Promise<Page>; pages: Map<string, { page: Page; errors: string[] }> } {
  const pages = new Map<string, { page: Page; errors: string[] }>();
  return {
    pages,
    async as(username) {
      const existing = pages.get(username);
      if (existing) return existing.page;
      const { page, errors } = await newReviewContext(browser());
      await signInWithBrowser(page, baseUrl(), username, password);
      pages.set(username, { page, errors });
      return page;
    },
  };
}

/** Signs in through the sign-in page and waits for the queue. */
export async function signInWithBrowser(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(/\/queue/), page.click('button[type="submit"]')]);
}

/** Saves a screenshot under test-artifacts/review/. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(reviewScreenshotDir, `${name}.png`), fullPage });
}

/** Submits the action form `name` of the post page (optionally filling fields) and waits for the reload. */
export async function runPostAction(page: Page, name: string, fields: Record<string, string> = {}): Promise<void> {
  const form = page.locator(`form[data-name="${name}"]`);
  for (const [field, value] of Object.entries(fields)) {
    const input = form.locator(`[name="${field}"]`);
    if (await input.evaluate((element) => element.tagName === 'SELECT')) await input.selectOption(value);
    else await input.fill(value);
  }
  await Promise.all([page.waitForEvent('load'), form.locator('button[type="submit"]').first().click()]);
}

/**
 * Elements that stick out of the viewport (and are not inside something that scrolls or clips them), and the
 * page's own scroll width: a layout that fits has none and scrollWidth equal to the viewport.
 */
export async function overflowingElements(page: Page): Promise<{ scrollWidth: number; viewport: number; elements: string[] }> {
  // A string, not a function: the test runner's transform would add helpers the page does not have.
  return page.evaluate(`(() => {
    const viewport = window.innerWidth;
    const isClipped = (element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent).overflowX;
        if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return true;
      }
      return false;
    };
    const elements = [...document.querySelectorAll('body *')]
      .filter((element) => { const box = element.getBoundingClientRect(); return box.width > 0 && (box.right > viewport + 1 || box.left < -1) && !isClipped(element); })
      .map((element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + (element.className && typeof element.className === 'string' ? '.' + element.className.split(' ').join('.') : '') + ' ' + Math.round(element.getBoundingClientRect().right));
    return { scrollWidth: document.documentElement.scrollWidth, viewport, elements: elements.slice(0, 10) };
  })()`);
}

/** Clicks the submit button of action form `name`, answers the confirmation dialog (with a reason when asked) and waits for the reload. */
export async function runConfirmedAction(page: Page, name: string, options: { reason?: string; fields?: Record<string, string> } = {}): Promise<void> {
  // The main action may be offered twice (the bar and its section): with fields, use the form that has them.
  const fields = Object.keys(options.fields ?? {});
  const forms = page.locator(`form[data-name="${name}"]`);
  const form = (fields.length ? forms.filter({ has: page.locator(`[name="${fields[0]}"]`) }) : forms).first();
  for (const [field, value] of Object.entries(options.fields ?? {})) {
    const input = form.locator(`[name="${field}"]`);
    if (await input.evaluate((element) => element.tagName === 'SELECT')) await input.selectOption(value);
    else await input.fill(value);
  }
  await form.locator('button[type="submit"]').first().click();
  const dialog = page.locator('dialog.confirm-dialog');
  await dialog.waitFor({ state: 'visible' });
  if (options.reason !== undefined) await dialog.locator('textarea').fill(options.reason);
  await Promise.all([page.waitForEvent('load'), dialog.locator('button[type="submit"]').click()]);
}
