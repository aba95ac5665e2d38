import type { CrawlError } from './crawl-errors.ts';
import { cookiesEnvName, type SourceCredentials } from './source-credentials.ts';

/**
 * What the operator can do about a source that is blocked, broken or failing: one sentence naming the
 * setting or variable to change. Shown by `yuqing sources`, the source-health screen and the alert.
 */
export function adviceFor(error: CrawlError, source: { id: string; type: string }, credentials: SourceCredentials | undefined): string | undefined {
  const cookieVariable = cookiesEnvName(source.id);
  const hasLogin = credentials !== undefined && credentials.origin !== 'none';
  switch (error.reason) {
    case 'forbidden':
      return hasLogin
        ? `the site refuses our session: the cookie may have expired — update ${cookieVariable} (or crawl.secretsFile) and run the source again`
        : `the site refuses access: check that the pages are public; if they need a login, set ${cookieVariable} to a logged-in session's cookies`;
    case 'login-required':
      return hasLogin
        ? `cookie expired: the site sends us to its login page — update ${cookieVariable} (or crawl.secretsFile)`
        : `the page needs a login: set ${cookieVariable} to a logged-in session's cookies, or choose a public page`;
    case 'captcha':
      return 'the site asks for a captcha or a human check: lower politeness.maxRequestsPerMinute and let the back-off pass; yuqing never solves captchas';
    case 'throttled':
      return 'the site is throttling us: lower politeness.maxRequestsPerMinute for this source; runs are backed off meanwhile';
    case 'robots-disallowed':
      return 'robots.txt disallows this URL for our User-Agent: remove the source or ask the site for permission';
    case 'browser-missing':
      return "install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH";
    case 'selector-matched-nothing':
      return source.type === 'html'
        ? 'the page no longer matches the declared selectors: fix them, or remove the article selectors to let automatic extraction read the pages'
        : 'the page or API no longer matches the declaration: check the selectors or paths against the current page';
    case 'malformed-markup':
      return 'the URL no longer returns what the source type reads (a feed, JSON or HTML): check it in a browser';
    case 'every-detail-page-failed':
      return 'every article page failed (e.g. 404): the list links to pages that are gone, or list.linkSelector picks the wrong links';
    default:
      return undefined;
  }
}
