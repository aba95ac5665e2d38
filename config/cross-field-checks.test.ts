import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './load-config.ts';

function problemsOf(raw: unknown): string[] {
  try {
    parseConfig(raw, 'test.yaml', {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const wecom = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc';

describe('checks across fields', () => {
  it('wants every channel a route or the digest names to be configured', () => {
    expect(problemsOf({ alerts: { routes: [{ channels: ['wecom', 'feishu'] }] }, delivery: { wecom: { webhookUrl: wecom } } })).toEqual([
      'alerts.routes[0].channels[1]: channel "feishu" is not configured; set delivery.feishu.webhookUrl (YUQING_FEISHU_WEBHOOK_URL)',
    ]);
    expect(problemsOf({ digest: { chatChannels: ['dingtalk'] } })).toEqual([expect.stringMatching(/^digest\.chatChannels\[0\]: channel "dingtalk" is not configured/)]);
    expect(problemsOf({ alerts: { emailTo: ['duty@example.cn'] } })).toEqual([expect.stringMatching(/^alerts\.emailTo: .*delivery\.smtp\.host/)]);
    expect(problemsOf({ alerts: { emailTo: ['duty@example.cn'], routes: [{ channels: ['email'] }] }, delivery: { smtp: { host: 'smtp.example.cn' } } })).toEqual([]);
  });

  it('wants the secrets each channel needs', () => {
    expect(problemsOf({
      delivery: {
        smtp: { host: 'smtp.example.cn', username: 'alerts' },
        wecom: { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' },
        dingtalk: { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'not-a-sign-secret' },
        feishu: { webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/' },
      },
    })).toEqual([
      expect.stringMatching(/^delivery\.smtp\.password: .*YUQING_SMTP_PASSWORD/),
      expect.stringMatching(/^delivery\.wecom\.webhookUrl: .*no key/),
      expect.stringMatching(/^delivery\.dingtalk\.secret: .*starts with "SEC"/),
      expect.stringMatching(/^delivery\.feishu\.webhookUrl: .*no hook token/),
    ]);
    expect(problemsOf({ elasticsearch: { url: 'https://es.example.cn:9200', username: 'elastic' } })).toEqual([expect.stringMatching(/^elasticsearch\.password: /)]);
  });

  it('refuses settings that cannot start together', () => {
    expect(problemsOf({ demo: { enabled: true, port: 8780 } })).toEqual(['review.port: port 8780 is already taken by demo.port']);
    expect(problemsOf({ demo: { enabled: true, port: 9200 }, review: { enabled: false } })).toEqual(['elasticsearch.local.httpPort: port 9200 is already taken by demo.port']);
    expect(problemsOf({ demo: { enabled: true, port: 9200 }, elasticsearch: { url: 'http://es.internal:9200' } })).toEqual([]);
    expect(problemsOf({ elasticsearch: { local: { heap: { min: '2g', max: '1024m' } } } })).toEqual([expect.stringMatching(/^elasticsearch\.local\.heap\.min: .*larger than heap\.max/)]);
    expect(problemsOf({ review: { passwordMinLength: 16, initialAdmin: { password: 'twelve-chars' } } })).toEqual([expect.stringMatching(/^review\.initialAdmin\.password: shorter than/)]);
    expect(problemsOf({ alerts: { quietHours: { start: '22:00' } } })).toEqual([expect.stringMatching(/^alerts\.quietHours\.end: set both/)]);
    expect(problemsOf({ digest: { falsePositiveReasons: ['false-positive', 'misfire'] } })).toEqual([expect.stringMatching(/^digest\.falsePositiveReasons\[1\]: "misfire" is not one of review\.dismissReasons/)]);
  });

  it('lists cross-field problems together with the fields\' own, without tripping over a field that already failed', () => {
    const problems = problemsOf({ delivery: { wecom: { webhookUrl: 'not a url' } }, alerts: { emailTo: ['duty@example.cn'] }, sources: [{ id: 'a', name: 'a', type: 'rss', startUrls: ['ftp://example.cn/'] }] });
    expect(problems).toEqual(expect.arrayContaining([
      'delivery.wecom.webhookUrl: expected an http(s) URL',
      'sources[0].startUrls[0]: expected an absolute http(s) URL',
      expect.stringMatching(/^alerts\.emailTo: /),
    ]));
  });
});
