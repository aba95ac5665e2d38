import { PassThrough, Readable, Writable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { analysisSchema } from '../../rules/analysis.ts';
import { createAnalyzer } from '../../rules/analyzer.ts';
import { analyzeJsonLines, registerAnalyzeCommand } from './analyze.ts';

const analyzer = createAnalyzer({ organisationNames: ['示例银行'] });

function collector(): { stream: Writable; text: () => string } {
  let text = '';
  return { stream: new Writable({ write(chunk, _encoding, done) { text += String(chunk); done(); } }), text: () => text };
}

describe('yuqing analyze', () => {
  it('writes one JSON line per input line with tokens, keywords, sentiment and risk', async () => {
    const input = Readable.from([
      '{"id": 1, "text": "示例银行暴力催收，太恶心了！"}\n',
      '{"text": "今天天气真好，心情很愉快", "title": "周末"}\n',
    ]);
    const output = collector();
    const errors = collector();
    const summary = await analyzeJsonLines(input, output.stream, errors.stream, analyzer);
    expect(summary).toEqual({ analysed: 2, skipped: 0 });
    const lines = output.text().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    const [first, second] = lines;
    const { id, ...firstFields } = first ?? {};
    expect(id).toBe(1);
    const firstAnalysis = analysisSchema.parse(firstFields);
    expect(firstAnalysis.sentiment.label).toBe('negative');
    expect(firstAnalysis.risk.hits.map((hit) => hit.ruleId)).toEqual(expect.arrayContaining(['organisation-mentions/mention', 'organisation-mentions/negative-mention']));
    expect(analysisSchema.parse(second).sentiment.label).toBe('positive');
    expect(errors.text()).toBe('');
  });

  it('reports bad lines on stderr with their line number and keeps going', async () => {
    const input = Readable.from(['{"text": "第一行没问题"}\n', 'not json\n', '\n', '{"title": "没有正文"}\n', '{"text": "最后一行也没问题"}\n']);
    const output = collector();
    const errors = collector();
    const summary = await analyzeJsonLines(input, output.stream, errors.stream, analyzer);
    expect(summary).toEqual({ analysed: 2, skipped: 2 });
    expect(errors.text()).toMatch(/^line 2: skipped: .*JSON/m);
    expect(errors.text()).toMatch(/^line 4: skipped: .*"text"/m);
    expect(output.text().trim().split('\n')).toHaveLength(2);
  });

  it('waits for a slow consumer instead of buffering all results', async () => {
    const lines = Array.from({ length: 300 }, (_, index) => `{"text": "第${index}条：服务太差了，投诉！"}\n`);
    let maxBuffered = 0;
    let received = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk, _encoding, done) {
        received += 1;
        maxBuffered = Math.max(maxBuffered, slow.writableLength);
        setImmediate(done);
        void chunk;
      },
    });
    await analyzeJsonLines(Readable.from(lines), slow, new PassThrough(), analyzer);
    expect(received).toBe(300);
    // With backpressure, no more than about one high-water mark (plus one line) is ever queued.
    expect(maxBuffered).toBeLessThan(1024 + 4096);
  });

  it('registers an analyze command on a commander program', () => {
    const program = new Command('yuqing');
    registerAnalyzeCommand(program);
    const command = program.commands.find((item) => item.name() === 'analyze');
    expect(command?.options.map((option) => option.long)).toEqual(['--analyzer-options', '--organisation', '--service']);
  });
});
