import { BlockedSourceError } from './crawl-errors.ts';

const loginPath = /(^|[/._-])(login|logon|signin|sign-in|sign_in|passport|sso|cas|auth|authorize|member\.php\?mod=logging|logging\.php)([/._?=-]|$)/i;
const loginHost = /^(passport|login|sso|auth|account|accounts|signin)\./i;
const loginTitle = /登录|登陆|登入|會員登入|会员登录|用户登录|log ?in|sign ?in/i;
const captchaTitle = /验证|驗證|安全检查|安全檢查|captcha|robot|attention required|just a moment|访问受限|访问频繁|访问过于频繁|異常|异常访问/i;
// What a verification page is built of (widgets) and what it says; the word 验证码 alone is not enough (news about scams uses it).
const captchaWidget = /g-recaptcha|h-captcha|hcaptcha|geetest|cf-challenge|challenge-platform|cf-turnstile|nc_1_wrapper|slide-?verify|id=["']?captcha|class=["'][^"']*captcha/i;
const captchaPhrase = /人机验证|滑动验证|滑動驗證|请完成验证|請完成驗證|完成下方验证|拖动到最右边|拖動到最右邊|访问过于频繁|訪問過於頻繁|are you a robot|verify you are human|unusual traffic/i;

/** The text a reader would see, roughly: enough to tell a wall (a form, a line) from a page with content. */
function visibleText(html: string): string {
  return html.replace(/<(script|style|noscript|template)[\s\S]*?<\/\1>/gi, ' ').replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ').replace(/\s+/g, ' ').trim();
}

function titleOf(html: string): string {
  return /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim() ?? '';
}

function isLoginUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return loginHost.test(parsed.hostname) || loginPath.test(`${parsed.pathname}${parsed.search}`);
  } catch {
    return false;
  }
}

/**
 * The wall a page puts up instead of its content, as a blocked-source error: a redirect to a login URL,
 * a login form, or a captcha / human-verification page. Only short pages count as walls, so an article
 * about SMS 验证码 scams or a thread page with a reply form is never mistaken for one.
 */
export function accessWallOf(page: { requestedUrl: string; finalUrl: string; html: string }): BlockedSourceError | undefined {
  const { requestedUrl, finalUrl, html } = page;
  if (finalUrl !== requestedUrl && isLoginUrl(finalUrl) && !isLoginUrl(requestedUrl)) {
    return new BlockedSourceError('login-required', `${requestedUrl} redirects to a login page (${finalUrl})`, requestedUrl);
  }
  const title = titleOf(html);
  const text = visibleText(html);
  const hasPasswordField = /<input[^>]+type\s*=\s*["']?password/i.test(html);
  if (hasPasswordField && text.length < 2000 && (loginTitle.test(title) || isLoginUrl(finalUrl))) {
    return new BlockedSourceError('login-required', `${finalUrl} is a login page ("${title.slice(0, 60)}")`, requestedUrl);
  }
  const looksLikeVerification = captchaWidget.test(html) || captchaPhrase.test(text);
  if (looksLikeVerification && text.length < 2000 && ((title.length <= 20 && captchaTitle.test(title)) || text.length < 600)) {
    return new BlockedSourceError('captcha', `${finalUrl} is a captcha / verification page ("${title.slice(0, 60)}")`, requestedUrl);
  }
  return undefined;
}
