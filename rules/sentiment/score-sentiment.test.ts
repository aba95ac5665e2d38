import { describe, expect, it } from 'vitest';
import { createJiebaSegmenter } from '../segmentation/jieba-segmenter.ts';
import { loadSentimentLexicon } from './sentiment-lexicon.ts';
import { scoreSentiment } from './score-sentiment.ts';
import { sentimentSchema } from './sentiment-result.ts';

const segmenter = createJiebaSegmenter();
const lexicon = loadSentimentLexicon();
const score = (text: string) => scoreSentiment(segmenter.tokenize(text), lexicon);
// The segmenter may fuse a cue with its word (不差), so evidence is found by the word it contains.
const evidenceFor = (text: string, word: string) => score(text).evidence.find((item) => item.text.includes(word));

describe('sentiment scoring', () => {
  it('labels plainly positive, negative and opinion-free texts', () => {
    expect(score('这家酒店干净舒适，服务热情，非常满意').label).toBe('positive');
    expect(score('房间又脏又臭，前台态度恶劣，太失望了').label).toBe('negative');
    expect(score('会议定于周三下午三点在二号楼召开').label).toBe('neutral');
  });

  it('keeps scores in [-1, 1] and returns schema-valid evidence with offsets into the text', () => {
    const text = '太棒了！！！真的太棒了！！！完美完美完美';
    const result = score(text);
    expect(() => sentimentSchema.parse(result)).not.toThrow();
    expect(result.score).toBeLessThanOrEqual(1);
    for (const item of result.evidence) expect(text.slice(item.start, item.end)).toBe(item.text);
  });

  it('flips a word after a negator and records the negation', () => {
    const liked = evidenceFor('我喜欢这个设计', '喜欢');
    const negated = evidenceFor('我不喜欢这个设计', '喜欢');
    expect(liked?.weight).toBeGreaterThan(0);
    expect(negated?.weight).toBeLessThan(0);
    expect(negated?.modifiers).toContainEqual(expect.objectContaining({ rule: 'negation', cue: '不' }));
  });

  it('softens a negated negative word more than a negated positive one (不差 is only mildly good)', () => {
    const notBad = evidenceFor('味道不差', '差');
    const notGood = evidenceFor('味道不精彩', '精彩');
    expect(notBad?.weight).toBeGreaterThan(0);
    expect(Math.abs(notBad?.weight ?? 0)).toBeLessThan(Math.abs(notGood?.weight ?? 0));
  });

  it('scales by degree adverbs, stronger for 极其 and weaker for 稍微', () => {
    const strong = evidenceFor('极其失望', '失望');
    const plain = evidenceFor('失望', '失望');
    const weak = evidenceFor('稍微失望', '失望');
    expect(strong?.weight).toBeLessThan(plain?.weight ?? 0);
    expect(weak?.weight).toBeGreaterThan(plain?.weight ?? 0);
    expect(strong?.modifiers).toContainEqual(expect.objectContaining({ rule: 'degree', cue: '极其' }));
  });

  it('treats 不是很满意 as mildly negative: the negation softens the intensifier', () => {
    const weight = evidenceFor('服务不是很满意', '满意')?.weight ?? 0;
    expect(weight).toBeLessThan(0);
    expect(weight).toBeGreaterThan(-1.5);
  });

  it('lets the clause after 但是 outweigh the clause before it', () => {
    expect(score('虽然价格有点贵，但是真的很好吃').label).toBe('positive');
    expect(score('环境很漂亮，但是服务太差了').label).toBe('negative');
    expect(evidenceFor('环境很漂亮，但是服务太差了', '太差')?.modifiers).toContainEqual(expect.objectContaining({ rule: 'adversative-later', cue: '但是' }));
  });

  it('turns sentiment around in rhetorical questions and scores indignant ones as negative', () => {
    expect(score('难道这样的服务很好吗？').label).toBe('negative');
    expect(score('难道这不是好事吗？').label).toBe('positive');
    const indignant = score('凭什么让消费者承担这笔钱？');
    expect(indignant.label).toBe('negative');
    expect(indignant.evidence[0]?.source).toBe('rhetorical-marker');
  });

  it('amplifies a sentence that ends in exclamation marks', () => {
    const calm = score('太失望了。').score;
    const shouted = score('太失望了！！！').score;
    expect(shouted).toBeLessThan(calm);
    expect(evidenceFor('太失望了！！！', '失望')?.modifiers).toContainEqual(expect.objectContaining({ rule: 'exclamation' }));
  });

  it('reads Weibo emoticons and emoji, with diminishing weight for repeats', () => {
    expect(score('今天又加班[怒]').label).toBe('negative');
    expect(score('收到礼物啦[哈哈]').label).toBe('positive');
    expect(score('看完这个😭').label).toBe('negative');
    const tears = score('[泪][泪][泪]').evidence;
    expect(tears).toHaveLength(3);
    expect(Math.abs(tears[2]?.weight ?? 0)).toBeLessThan(Math.abs(tears[0]?.weight ?? 0));
    expect(tears[1]?.modifiers[0]?.rule).toBe('repetition');
  });

  it('knows current internet expressions', () => {
    for (const text of ['看到这个消息直接破防了', '真的无语', '这操作太离谱了']) expect(score(text).label).toBe('negative');
    for (const text of ['这首歌yyds', '这个设计绝绝子']) expect(score(text).label).toBe('positive');
  });

  it('finds sentiment words fused with a cue or particle by the segmenter', () => {
    expect(score('哈哈哈哈哈哈').label).toBe('positive');
    expect(score('太棒了').score).toBeGreaterThan(score('棒').score);
  });

  it('reads a playful tilde and a sighing ellipsis as punctuation evidence, each run counted once', () => {
    const tilde = score('我先走啦~~~').evidence.find((item) => item.source === 'punctuation');
    expect(tilde).toMatchObject({ text: '~~~', modifiers: [{ rule: 'tilde' }] });
    expect(tilde?.weight).toBeGreaterThan(0);
    expect(score('行吧，明天再说……').label).toBe('negative');
    expect(score('行吧，明天再说。。。').evidence.find((item) => item.source === 'punctuation')?.modifiers[0]?.rule).toBe('ellipsis');
    // A single full stop is not an ellipsis.
    expect(score('行吧，明天再说。').evidence).toHaveLength(0);
  });

  it('reads 不太 / 不大 as a softened negation, alone or fused with its word', () => {
    const notQuite = evidenceFor('不太满意', '满意');
    expect(notQuite?.weight).toBeLessThan(0);
    expect(Math.abs(notQuite?.weight ?? 0)).toBeLessThan(Math.abs(evidenceFor('不满意', '满意')?.weight ?? 0));
    expect(score('服务不太好').label).toBe('negative');
    expect(score('价格不太贵').score).toBeGreaterThan(0);
  });

  it('makes 一点也不 / 一点都不 a stronger negation, not a softer one', () => {
    expect(evidenceFor('一点都不喜欢', '喜欢')?.weight).toBeLessThan(evidenceFor('不喜欢', '喜欢')?.weight ?? 0);
    expect(evidenceFor('有一点贵', '贵')?.weight).toBeGreaterThan(evidenceFor('贵', '贵')?.weight ?? 0);
  });

  it('lets 不够 negate the word after it and count as a word on its own', () => {
    expect(evidenceFor('房间不够干净', '干净')?.modifiers).toContainEqual(expect.objectContaining({ rule: 'negation', cue: '不够' }));
    expect(score('房间不够干净').label).toBe('negative');
    expect(evidenceFor('钱不够', '不够')?.weight).toBeLessThan(0);
  });

  it('keeps the sign of words after an indignant 凭什么 and counts the protest itself', () => {
    const protest = score('凭什么要我们承担损失？');
    expect(protest.label).toBe('negative');
    expect(protest.evidence.find((item) => item.source === 'rhetorical-marker')?.text).toBe('凭什么');
    expect(evidenceFor('凭什么要我们承担损失？', '损失')?.weight).toBeLessThan(0);
  });

  it('discounts what was only expected and weighs a concluding verdict more', () => {
    const expected = evidenceFor('本以为很好吃，结果一般', '好吃');
    expect(expected?.modifiers).toContainEqual(expect.objectContaining({ rule: 'counter-expectation', cue: '本以为' }));
    expect(expected?.weight).toBeLessThan(evidenceFor('很好吃', '好吃')?.weight ?? 0);
    expect(evidenceFor('总之很失望。', '失望')?.modifiers).toContainEqual(expect.objectContaining({ rule: 'summary', cue: '总之' }));
  });

  it('reads 不能更好 / 不能再好了 as a superlative and A-not-A questions as no negation', () => {
    expect(evidenceFor('这天气不能更舒服了', '舒服')?.weight).toBeGreaterThan(evidenceFor('这天气很舒服', '舒服')?.weight ?? 0);
    expect(score('不能再好了').label).toBe('positive');
    expect(score('你开不开心').label).toBe('positive');
    expect(score('好不好').evidence).toHaveLength(0);
  });

  it('halves the complaints of a post that laughs at itself', () => {
    const joking = evidenceFor('好累啊[笑cry]', '累');
    expect(joking?.modifiers).toContainEqual(expect.objectContaining({ rule: 'laughter', cue: '[笑cry]', factor: 0.5 }));
    expect(Math.abs(joking?.weight ?? 0)).toBeLessThan(Math.abs(evidenceFor('好累啊', '累')?.weight ?? 0));
  });

  it('counts a negator that negates no sentiment word as a mild complaint, diminishing with repeats', () => {
    const bare = score('空调不制冷，没有热水，不能上网');
    const negations = bare.evidence.filter((item) => item.modifiers.some((modifier) => modifier.rule === 'bare-negation'));
    expect(negations.map((item) => item.text)).toEqual(['不', '不能']);
    expect(negations[0]?.weight).toBeLessThan(0);
    expect(Math.abs(negations[1]?.weight ?? 0)).toBeLessThan(Math.abs(negations[0]?.weight ?? 0));
    expect(bare.label).toBe('negative');
    // It does not fire when the negator negates a word, asks an A-not-A question or means "no need".
    expect(score('一点也不贵').evidence.some((item) => item.modifiers.some((modifier) => modifier.rule === 'bare-negation'))).toBe(false);
    expect(score('你去不去').evidence).toHaveLength(0);
    expect(score('不用排队').evidence).toHaveLength(0);
  });

  it('lets 不过 / 只是 add a reservation without reversing what came before, unless 虽然 set up the turn', () => {
    expect(score('环境不错，服务也周到，不过价格有点贵').label).toBe('positive');
    expect(evidenceFor('环境不错，不过价格有点贵', '不错')?.modifiers).toEqual([]);
    expect(evidenceFor('虽然环境不错，不过服务太差了', '太差')?.modifiers).toContainEqual(expect.objectContaining({ rule: 'adversative-later', cue: '不过' }));
    expect(score('虽然环境不错，不过服务太差了').label).toBe('negative');
  });

  it('reads minor-flaw framing, verdicts and overall summaries the way reviews use them', () => {
    const minor = evidenceFor('位置很好，房间干净。美中不足的是隔音差了点', '差');
    expect(minor?.modifiers).toContainEqual(expect.objectContaining({ rule: 'minor-flaw', cue: '美中不足' }));
    expect(score('唯一的缺点是停车不方便，其他都很满意').label).toBe('positive');
    const summary = score('房间有点小，隔音不好，总体来说性价比很高');
    expect(summary.label).toBe('positive');
    expect(summary.evidence.find((item) => item.text === '不好')?.modifiers).toContainEqual(expect.objectContaining({ rule: 'summary-earlier', cue: '总体来说' }));
    expect(score('下次还会再来').label).toBe('positive');
    expect(score('再也不会来了').label).toBe('negative');
    expect(score('千万别买').label).toBe('negative');
    expect(score('千万别错过').label).toBe('positive');
    expect(score('再也不会难过了').label).toBe('positive');
  });

  it('reads the predicate at the end of a compound jieba keeps whole (态度恶劣), never across a negator', () => {
    expect(score('前台态度恶劣').label).toBe('negative');
    expect(score('医护人员').evidence).toHaveLength(0);
    expect(score('真了不起').label).not.toBe('negative');
  });

  it('lets a hypothetical (如果, 要是 …) count little: it describes what is not the case', () => {
    const wish = score('如果服务再热情一点就完美了');
    for (const item of wish.evidence) expect(item.modifiers).toContainEqual(expect.objectContaining({ rule: 'irrealis', cue: '如果', factor: 0.3 }));
    expect(Math.abs(evidenceFor('要是房间干净就好了', '干净')?.weight ?? 0)).toBeLessThan(Math.abs(evidenceFor('房间干净', '干净')?.weight ?? 0));
    // Only the sentence the marker opens: the next sentence is real again.
    expect(evidenceFor('如果下雨就不去了。房间很干净', '干净')?.modifiers.some((modifier) => modifier.rule === 'irrealis')).toBe(false);
  });

  it('reads 高 / 小 / 快 by the attribute they describe (价格高 vs 质量高), with negation and degree', () => {
    const expectations: [string, 'positive' | 'negative'][] = [
      ['价格很高', 'negative'], ['质量很高', 'positive'], ['价格不高', 'positive'], ['价格便宜', 'positive'],
      ['房间太小', 'negative'], ['房间不大', 'negative'], ['噪音很大', 'negative'], ['手机耗电快', 'negative'],
      ['发货很快', 'positive'], ['物流太慢了', 'negative'], ['电池续航很长', 'positive'], ['设施很旧', 'negative'],
      ['位置偏僻', 'negative'], ['毛病不少', 'negative'], ['光线很暗', 'negative'], ['价格不太高', 'positive'],
    ];
    for (const [text, label] of expectations) expect([text, score(text).label]).toEqual([text, label]);
    const high = evidenceFor('价格很高', '高');
    expect(high?.modifiers).toEqual([expect.objectContaining({ rule: 'attribute', cue: '价格' }), expect.objectContaining({ rule: 'degree', cue: '很' })]);
    // Without an attribute the word carries nothing, and speed in general is not a virtue (传播速度快).
    expect(score('很高').evidence).toHaveLength(0);
    expect(score('病毒传播速度快').evidence.some((item) => item.text === '快')).toBe(false);
    // The nearest attribute decides, within the clause.
    expect(evidenceFor('房间干净价格也不高', '高')?.modifiers).toContainEqual(expect.objectContaining({ rule: 'attribute', cue: '价格' }));
    expect(score('质量，高').evidence).toHaveLength(0);
  });
});
