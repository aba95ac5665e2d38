// What sites put up instead of content: a members area that redirects to a login page, a login form
// served with 200, a captcha / human-verification page, throttling answers (418, 429, 432), and a
// feed that needs a session cookie. An article about SMS 验证码 scams is not a wall.
import type { Route } from './fixture-site.ts';

/** The cookie /walls/session/feed.xml accepts. */
export const validSessionCookie = 'SESSDATA=fixture-session-7f3a9c; uid=42';

const loginPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>用户登录 - 青禾论坛</title></head><body>
<div class="login-box"><h2>会员登录</h2><form action="/walls/login.php" method="post">
<input type="text" name="username" placeholder="用户名/手机号"><input type="password" name="password" placeholder="密码">
<button type="submit">登录</button></form><p>还没有账号？<a href="/walls/register.php">立即注册</a></p></div></body></html>`;

const captchaPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>安全验证</title></head><body>
<div id="nc_1_wrapper" class="slide-verify"><p>访问过于频繁，请完成下方验证后继续访问</p><div class="nc-lang-cnt">请按住滑块，拖动到最右边</div></div>
<script src="/walls/captcha.js"></script></body></html>`;

const scamArticle = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>警惕！冒充客服索要验证码的骗局又出新花样</title></head><body>
<h1>警惕！冒充客服索要验证码的骗局又出新花样</h1><div class="info">2026-11-20 09:00 来源：青禾日报</div>
<div class="content"><p>近日，青禾市多名市民接到自称“快递客服”的电话，对方以理赔为由索要手机验证码，随后盗刷银行卡。</p>
<p>警方提醒：任何索要验证码的电话都是诈骗，验证码不要告诉任何人。如已转账，请立即拨打110报警。</p>
<p>据统计，今年以来全市共发生此类案件四十余起，涉案金额超过两百万元，受害人以中老年人为主。</p></div></body></html>`;

function feedOf(title: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${title}</title><link>http://127.0.0.1/</link><description>d</description>
<item><title>会员专享：小区改造方案征求意见</title><link>http://127.0.0.1/walls/session/1.html</link><description>改造方案现向业主征求意见，欢迎提出建议。</description><pubDate>Wed, 25 Nov 2026 10:00:00 +0800</pubDate></item></channel></rss>`;
}

/** The walls' routes under /walls/; `cookiesSeen` records the Cookie header of every request there. */
export function accessWallRoutes(cookiesSeen: { path: string; cookie: string | undefined }[]): Route[] {
  return [
    [/^\/walls\/members\/(list\.html|feed\.xml)$/, (request, response, url) => {
      cookiesSeen.push({ path: url.pathname, cookie: request.headers.cookie });
      response.writeHead(302, { location: `/walls/member.php?mod=logging&action=login&referer=${encodeURIComponent(url.pathname)}` }).end();
    }],
    [/^\/walls\/(member\.php|login\.php|login-page\/)$/, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage);
    }],
    [/^\/walls\/captcha\/(?:list\.html)?$/, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(captchaPage);
    }],
    [/^\/walls\/throttled-(418|429|432)\.xml$/, (_request, response, _url, match) => {
      response.writeHead(Number(match[1]), { 'content-type': 'text/html; charset=utf-8', 'retry-after': '600' }).end('<h1>请求过于频繁</h1>');
    }],
    [/^\/walls\/session\/feed\.xml$/, (request, response, url) => {
      cookiesSeen.push({ path: url.pathname, cookie: request.headers.cookie });
      if (request.headers.cookie !== validSessionCookie) {
        return void response.writeHead(302, { location: '/walls/login.php?redirect=%2Fwalls%2Fsession%2Ffeed.xml' }).end();
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feedOf('会员动态'));
    }],
    [/^\/walls\/scam-article\.html$/, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(scamArticle);
    }],
    [/^\/walls\/scam-list\/$/, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><ul class="list-items"><li><a href="/walls/scam-article.html">警惕！冒充客服索要验证码的骗局又出新花样</a></li></ul></body></html>');
    }],
  ];
}
