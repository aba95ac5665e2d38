import { describe, expect, it } from 'vitest';
import { compileRulePacks } from './compile-rules.ts';
import { rulePackSchema, type RulePack } from './pack-schema.ts';

const pack = (rules: unknown[], extra: Record<string, unknown> = {}): RulePack =>
  rulePackSchema.parse({ id: 'test-pack', name: '测试', version: '2.1.0', category: 'test', severity: 'medium', rules, ...extra });
const ruleIds = (rules: unknown[], fields: Record<string, string>, negativity = 0): string[] =>
  compileRulePacks([pack(rules)]).match(fields, negativity).map((hit) => hit.ruleId);

describe('compiled rule matcher', () => {
  it('fires an any-rule on one of its terms and reports rule, pack, version, severity and offsets', () => {
    const [hit] = compileRulePacks([pack([{ id: 'fire', name: '火灾', severity: 'high', match: { any: ['起火', '火灾'] } }])]).match({ content: '昨晚小区起火了' }, 0);
    expect(hit).toEqual({
      ruleId: 'test-pack/fire', packId: 'test-pack', packVersion: '2.1.0', ruleName: '火灾', category: 'test', severity: 'high',
      matches: [{ term: '起火', field: 'content', start: 4, end: 6 }],
    });
  });

  it('requires every all-group to match', () => {
    const rules = [{ id: 'refund', name: '退款', match: { all: [['退款', '退货'], ['拒绝', '不给']] } }];
    expect(ruleIds(rules, { content: '商家拒绝退款' })).toEqual(['test-pack/refund']);
    expect(ruleIds(rules, { content: '已经退款了' })).toEqual([]);
  });

  it('is vetoed by a none-term anywhere in scope', () => {
    const rules = [{ id: 'outbreak', name: '疫情', match: { any: ['疫情'], none: ['疫情结束'] } }];
    expect(ruleIds(rules, { content: '疫情扩散' })).toEqual(['test-pack/outbreak']);
    expect(ruleIds(rules, { content: '疫情结束了，大家很开心' })).toEqual([]);
  });

  it('checks near(A, B, N) by the characters between the two terms, in either order', () => {
    const rules = [{ id: 'near', name: '近', match: { near: ['near(客服|售后, 推诿|挂电话, 5)'] } }];
    expect(ruleIds(rules, { content: '客服一直推诿' })).toEqual(['test-pack/near']);
    expect(ruleIds(rules, { content: '直接挂电话的客服' })).toEqual(['test-pack/near']);
    expect(ruleIds(rules, { content: '客服说会处理，结果过了一个月还在推诿' })).toEqual([]);
  });

  it('matches regular expressions and reports what they matched', () => {
    const [hit] = compileRulePacks([pack([{ id: 'toll', name: '伤亡', match: { regex: ['\\d+人(死亡|受伤)'] } }])]).match({ content: '事故造成3人死亡' }, 0);
    expect(hit?.matches).toEqual([{ term: '3人死亡', field: 'content', start: 4, end: 8 }]);
  });

  it('ignores a term inside an exclusion phrase but not elsewhere in the same text', () => {
    const rules = [{ id: 'scam', name: '诈骗', match: { any: ['诈骗'] }, exclude: ['防诈骗'] }];
    expect(ruleIds(rules, { content: '社区举办防诈骗讲座' })).toEqual([]);
    const [hit] = compileRulePacks([pack(rules)]).match({ content: '防诈骗讲座上讲了一起诈骗案' }, 0);
    expect(hit?.matches).toEqual([{ term: '诈骗', field: 'content', start: 10, end: 12 }]);
  });

  it('ignores a regular-expression match inside an exclusion phrase (a denial is not a casualty)', () => {
    const rules = [{ id: 'toll', name: '伤亡', match: { regex: ['造成[^，。]{0,6}伤亡'] }, exclude: ['未造成人员伤亡'] }];
    expect(ruleIds(rules, { content: '事故未造成人员伤亡' })).toEqual([]);
    expect(ruleIds(rules, { content: '事故造成人员伤亡' })).toEqual(['test-pack/toll']);
  });

  it('marks amplifier and ceiling hits with their role and leaves signals unmarked', () => {
    const hits = compileRulePacks([pack([
      { id: 'complaint', name: '投诉', match: { any: ['投诉'] } },
      { id: 'escalation', name: '升级', role: 'amplifier', severity: 'high', match: { any: ['曝光'] } },
      { id: 'reply', name: '回复', role: 'ceiling', severity: 'low', match: { any: ['经核实'] } },
    ])]).match({ content: '投诉后要找媒体曝光。经核实已处理。' }, 0);
    expect(hits.map((hit) => [hit.ruleId, hit.role])).toEqual([['test-pack/complaint', undefined], ['test-pack/escalation', 'amplifier'], ['test-pack/reply', 'ceiling']]);
    expect(Object.keys(hits[0] ?? {})).not.toContain('role');
  });

  it('searches only the fields a rule names', () => {
    const titleOnly = [{ id: 'title', name: '标题', fields: ['title'], match: { any: ['维权'] } }];
    expect(ruleIds(titleOnly, { title: '业主维权', content: '' })).toEqual(['test-pack/title']);
    expect(ruleIds(titleOnly, { title: '', content: '业主维权' })).toEqual([]);
    expect(ruleIds([{ id: 'default', name: '默认', match: { any: ['维权'] } }], { author: '维权小组' })).toEqual([]);
  });

  it('requires the minimum negativity when one is set', () => {
    const rules = [{ id: 'negative', name: '负面提及', match: { any: ['示例银行'] }, minNegativity: 0.3 }];
    expect(ruleIds(rules, { content: '示例银行' }, 0.5)).toEqual(['test-pack/negative']);
    expect(ruleIds(rules, { content: '示例银行' }, 0.1)).toEqual([]);
  });

  it('matches Latin terms case-insensitively without shifting offsets', () => {
    const [hit] = compileRulePacks([pack([{ id: 'ddos', name: 'DDoS', match: { any: ['DDoS'] } }])]).match({ content: '遭到ddos攻击' }, 0);
    expect(hit?.matches[0]).toEqual({ term: 'ddos', field: 'content', start: 2, end: 6 });
  });

  it('compiles ten thousand terms into one automaton and still finds the right one', () => {
    const terms = Array.from({ length: 10_000 }, (_, index) => `风险词${index.toString(36)}号`);
    const ruleSet = compileRulePacks([pack(Array.from({ length: 100 }, (_, rule) => ({ id: `r${rule}`, name: `规则${rule}`, match: { any: terms.slice(rule * 100, rule * 100 + 100) } })))]);
    expect(ruleSet.termCount).toBe(10_000);
    expect(ruleSet.match({ content: `出现了${terms[4321]}的情况` }, 0).map((hit) => hit.ruleId)).toEqual(['test-pack/r43']);
  });
});

describe('rule pack schema', () => {
  it('rejects a pack with every problem listed', () => {
    const result = rulePackSchema.safeParse({ id: 'Bad Id', name: '', version: '1', category: 'x', severity: 'huge', rules: [{ id: 'a', name: 'a', match: {} }, { id: 'a', name: 'b', match: { near: ['near(a,b)'] } }] });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['id', 'name', 'version', 'severity', 'rules.0.match', 'rules.1.match.near.0']));
  });
});
