import { describe, expect, it } from 'vitest';
import { analysisSchema } from './analysis.ts';
import { createAnalyzer } from './analyzer.ts';

const analyzer = createAnalyzer({ organisationNames: ['示例银行'], keywordCount: 5 });

describe('createAnalyzer', () => {
  it('returns schema-valid, JSON-serialisable analysis with every part filled', () => {
    const analysis = analyzer.analyze({ title: '示例银行被投诉', content: '示例银行暴力催收，客服态度恶劣，太离谱了！', engagement: { reposts: 200, comments: 80, likes: 1000 } });
    expect(JSON.parse(JSON.stringify(analysis))).toEqual(analysis);
    expect(() => analysisSchema.parse(analysis)).not.toThrow();
    expect(analysis.tokens).toContain('示例银行');
    expect(analysis.keywords.length).toBeLessThanOrEqual(5);
    expect(analysis.sentiment.label).toBe('negative');
    expect(analysis.risk.hits.length).toBeGreaterThan(0);
    expect(analysis.simhashBands).toHaveLength(4);
  });

  it('keeps title and content evidence apart with offsets into their own field', () => {
    const title = '服务太差';
    const content = '前台很热情';
    const { evidence } = analyzer.analyze({ title, content }).sentiment;
    for (const item of evidence) expect((item.field === 'title' ? title : content).slice(item.start, item.end)).toBe(item.text);
    expect(evidence.map((item) => item.field).sort()).toEqual(['content', 'title']);
  });

  it('raises risk with engagement, source weight and story growth supplied by the pipeline', () => {
    const post = { content: '工厂偷排污水，河里全是死鱼' };
    const quiet = analyzer.analyze(post).risk;
    const loud = analyzer.analyze({ ...post, engagement: { reposts: 5000, comments: 2000 }, sourceWeight: 1.3, storyGrowth: 6 }).risk;
    expect(loud.score).toBeGreaterThan(quiet.score);
    expect(loud.breakdown.engagement).toBeGreaterThan(0);
    expect(loud.breakdown.growth).toBeGreaterThan(0);
  });

  it('gives exact copies the same content hash and near copies a close SimHash', () => {
    const a = analyzer.analyze({ content: '市区地铁二号线今早故障停运，大量乘客滞留站台，官方称正在抢修。' });
    const b = analyzer.analyze({ content: '市区地铁二号线今早故障停运, 大量乘客滞留站台, 官方称正在抢修!' });
    expect(b.contentHash).toBe(a.contentHash);
    expect(b.simhash).toBe(a.simhash);
  });

  it('applies inline sentiment words and the neutral band from options', () => {
    const custom = createAnalyzer({ sentimentWords: { 卡顿: -2 }, sentimentNeutralBand: 0.5 });
    expect(custom.analyze({ content: '新版本卡顿' }).sentiment.score).toBeLessThan(0);
    expect(custom.analyze({ content: '还行' }).sentiment.label).toBe('neutral');
  });

  it('rejects invalid options, naming each bad field', () => {
    expect(() => createAnalyzer({ keywordCount: -1, simhashBands: 3 as 4 })).toThrow(/keywordCount[\s\S]*simhashBands|simhashBands[\s\S]*keywordCount/);
    expect(() => createAnalyzer({ unknownOption: true } as never)).toThrow(/unknownOption/);
  });
});
