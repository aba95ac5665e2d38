import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../config/load-config.ts';
import { startDingtalkReceiver, startFeishuReceiver, startWebhookReceiver, startWecomReceiver } from '../../../tests/support/chat-robot-receivers.ts';
import type { RecordingHttpServer } from '../../../tests/support/recording-http-server.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../../../tests/support/smtp-test-server.ts';
import { ChannelDeliveryError, type ChannelMessage, type MessageItem } from './channel-message.ts';
import { configuredChannels } from './configured-channels.ts';
import { createMailSender } from './mail-sender.ts';

const hostileTitle = '**假冒**](http://evil.example/x)<font color="info">绿色</font> @all\n### 注入标题';
const hostileExcerpt = '第一行\n> 伪造引用 [点我](javascript:alert(1)) <at user_id="all">所有人</at> `code` <script>alert(1)</script>';

function item(n: number, overrides: Partial<MessageItem> = {}): MessageItem {
  return {
    heading: `青禾市化工厂爆炸 第${n}条`, url: `https://news.example.cn/a/${n}.html?x=(1)`,
    facts: [{ label: '来源', value: '青禾论坛' }, { label: '风险', value: '严重 91' }], excerpt: '现场浓烟，多人受伤。', isUrgent: n === 1,
    data: { postId: `p-${n}`, level: 'critical' }, ...overrides,
  };
}

const hostileMessage: ChannelMessage = {
  kind: 'alert', title: '【舆情预警】2 条高风险帖子',
  items: [item(1, { heading: hostileTitle, excerpt: hostileExcerpt, url: 'javascript:alert(1)' }), item(2)],
  footer: '来自 yuqing',
};

const servers: RecordingHttpServer[] = [];
let smtp: SmtpTestServer | undefined;
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await smtp?.close();
  smtp = undefined;
});

async function channelsFor(delivery: Record<string, unknown>) {
  const config = parseConfig({ delivery }, 'test', {});
  return configuredChannels(config.delivery, { to: [] });
}

describe('chat channels', () => {
  it('企业微信: markdown in which crawled text cannot open links, tags, headings or mentions', async () => {
    const receiver = await startWecomReceiver();
    servers.push(receiver);
    const channel = (await channelsFor({ wecom: { webhookUrl: `${receiver.url}/cgi-bin/webhook/send?key=k1` } })).get('wecom')!;
    expect(await channel.send(hostileMessage)).toEqual({ channel: 'wecom', parts: 1 });
    const content = (JSON.parse(receiver.requests[0]!.body.toString()) as { markdown: { content: string } }).markdown.content;
    expect(content.startsWith('### 【舆情预警】2 条高风险帖子\n')).toBe(true);
    expect(content).not.toContain('](http://evil');
    expect(content).not.toContain('<font color="info">');
    expect(content).not.toContain('@all');
    expect(content).not.toContain('<at ');
    expect(content).not.toMatch(/\]\(javascript:/);
    expect(content.match(/\]\(/g)).toHaveLength(1);
    expect(content.split('\n').filter((line) => line.startsWith('#'))).toHaveLength(1);
    // The urgent item has no link (its URL is not http); the second links to its source, parentheses encoded.
    expect(content).toContain('<font color="warning">**＊＊假冒＊＊］（http://evil.example/x）＜font color="info"＞绿色＜/font＞ ＠all ＃＃＃ 注入标题**</font>');
    expect(content).toContain('**[青禾市化工厂爆炸 第2条](https://news.example.cn/a/2.html?x=%281%29)**');
  });

  it('钉钉: signed request (timestamp + HmacSHA256 sign in the URL) with a markdown message; a wrong secret is refused', async () => {
    const receiver = await startDingtalkReceiver('SECright');
    servers.push(receiver);
    const url = `${receiver.url}/robot/send?access_token=t1`;
    const channel = (await channelsFor({ dingtalk: { webhookUrl: url, secret: 'SECright' } })).get('dingtalk')!;
    expect(await channel.send(hostileMessage)).toEqual({ channel: 'dingtalk', parts: 1 });
    const query = new URL(receiver.requests[0]!.url, 'http://x').searchParams;
    expect(query.get('access_token')).toBe('t1');
    const body = JSON.parse(receiver.requests[0]!.body.toString()) as { markdown: { title: string; text: string } };
    expect(body.markdown.title).toBe('【舆情预警】2 条高风险帖子');
    expect(body.markdown.text).not.toContain('](http://evil');

    const wrong = (await channelsFor({ dingtalk: { webhookUrl: url, secret: 'SECwrong' } })).get('dingtalk')!;
    const refused = wrong.send(hostileMessage);
    await expect(refused).rejects.toBeInstanceOf(ChannelDeliveryError);
    await expect(refused).rejects.toMatchObject({ isRetryable: false, message: expect.stringContaining('310000') });
  });

  it('飞书: signed post (rich text) whose links are only http(s) and whose text cannot mention everyone', async () => {
    const receiver = await startFeishuReceiver('feishu-secret');
    servers.push(receiver);
    const channel = (await channelsFor({ feishu: { webhookUrl: `${receiver.url}/open-apis/bot/v2/hook/abc`, secret: 'feishu-secret' } })).get('feishu')!;
    expect(await channel.send(hostileMessage)).toEqual({ channel: 'feishu', parts: 1 });
    const body = JSON.parse(receiver.requests[0]!.body.toString()) as { content: { post: { zh_cn: { title: string; content: { tag: string; text: string; href?: string }[][] } } } };
    const post = body.content.post.zh_cn;
    expect(post.title).toBe('【舆情预警】2 条高风险帖子');
    const elements = post.content.flat();
    expect(elements.filter((element) => element.tag === 'a').map((element) => element.href)).toEqual(['https://news.example.cn/a/2.html?x=%281%29']);
    expect(elements.map((element) => element.text).join('\n')).not.toMatch(/<at /);
    expect(elements[0]!.text).toContain('**假冒**](http://evil.example/x)');
  });

  it('JSON webhook: structured items with the X-Yuqing signature the receiver verifies', async () => {
    const receiver = await startWebhookReceiver('hook-secret');
    servers.push(receiver);
    const channel = (await channelsFor({ webhook: { url: `${receiver.url}/hooks/yuqing`, secret: 'hook-secret' } })).get('webhook')!;
    expect(await channel.send(hostileMessage)).toEqual({ channel: 'webhook', parts: 1 });
    const body = JSON.parse(receiver.requests[0]!.body.toString()) as { source: string; kind: string; part: number; parts: number; items: { heading: string; data: { postId: string } }[] };
    expect(body).toMatchObject({ source: 'yuqing', kind: 'alert', part: 1, parts: 1 });
    expect(body.items.map((entry) => entry.data.postId)).toEqual(['p-1', 'p-2']);
    expect(body.items[0]!.heading).toBe(hostileTitle);

    const wrong = (await channelsFor({ webhook: { url: `${receiver.url}/hooks/yuqing`, secret: 'other' } })).get('webhook')!;
    await expect(wrong.send(hostileMessage)).rejects.toMatchObject({ isRetryable: false, message: expect.stringContaining('HTTP 401') });
  });

  it('splits a long message into parts within each platform\'s limit, in order, labelled （i/n）', async () => {
    const wecom = await startWecomReceiver();
    const dingtalk = await startDingtalkReceiver('SECs');
    const feishu = await startFeishuReceiver('s');
    servers.push(wecom, dingtalk, feishu);
    const channels = await channelsFor({
      wecom: { webhookUrl: `${wecom.url}/send?key=k` }, dingtalk: { webhookUrl: `${dingtalk.url}/send?access_token=t`, secret: 'SECs' },
      feishu: { webhookUrl: `${feishu.url}/hook/h`, secret: 's' },
    });
    const long: ChannelMessage = { kind: 'alert', title: '【舆情预警】60 条高风险帖子', items: Array.from({ length: 60 }, (_, i) => item(i + 1, { excerpt: '事故现场'.repeat(100) })) };
    const receipts = await Promise.all(['wecom', 'dingtalk', 'feishu'].map((id) => channels.get(id as 'wecom')!.send(long)));
    for (const receipt of receipts) expect(receipt.parts).toBeGreaterThan(1);
    const wecomContents = wecom.requests.map((request) => (JSON.parse(request.body.toString()) as { markdown: { content: string } }).markdown.content);
    expect(wecomContents.length).toBe(receipts[0]!.parts);
    wecomContents.forEach((content, index) => expect(content.startsWith(`### 【舆情预警】60 条高风险帖子（${index + 1}/${wecomContents.length}）`)).toBe(true));
    const headings = wecomContents.join('\n').match(/青禾市化工厂爆炸 第\d+条/g)!;
    expect(headings).toEqual(long.items.map((entry) => entry.heading));
    expect(feishu.requests.every((request) => request.body.length <= 20 * 1024)).toBe(true);
  });
});

describe('e-mail channel', () => {
  it('delivers an HTML alert with escaped crawled text and a plain-text alternative through a real SMTP server with login', async () => {
    smtp = await startSmtpTestServer({ username: 'alerts', password: 'pw-123' });
    const config = parseConfig({ delivery: { smtp: { host: '127.0.0.1', port: smtp.port, secure: false, username: 'alerts', password: 'pw-123', from: 'yuqing <yuqing@example.cn>' } } }, 'test', {});
    const sender = createMailSender({ ...config.delivery.smtp, host: '127.0.0.1' });
    try {
      const channel = configuredChannels(config.delivery, { sender, to: ['duty@example.cn', 'lead@example.cn'] }).get('email')!;
      expect(await channel.send(hostileMessage)).toEqual({ channel: 'email', parts: 1 });
    } finally {
      sender.close();
    }
    const [mail] = await smtp.waitForMails(1);
    expect(mail!.user).toBe('alerts');
    expect(mail!.envelopeTo).toEqual(['duty@example.cn', 'lead@example.cn']);
    expect(mail!.parsed.subject).toBe('【舆情预警】2 条高风险帖子');
    const html = String(mail!.parsed.html);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<font color="info">');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('href="https://news.example.cn/a/2.html?x=%281%29"');
    expect(mail!.parsed.text).toContain('<script>alert(1)</script>');
  });

  it('reports a refused login as a non-retryable delivery error', async () => {
    smtp = await startSmtpTestServer({ username: 'alerts', password: 'pw-123' });
    const sender = createMailSender({ ...parseConfig({}, 'test', {}).delivery.smtp, host: '127.0.0.1', port: smtp.port, secure: false, username: 'alerts', password: 'nope' });
    try {
      const channel = configuredChannels(parseConfig({}, 'test', {}).delivery, { sender, to: ['duty@example.cn'] }).get('email')!;
      await expect(channel.send(hostileMessage)).rejects.toMatchObject({ channel: 'email', isRetryable: false });
    } finally {
      sender.close();
    }
    expect(smtp.mails).toHaveLength(0);
  });
});
