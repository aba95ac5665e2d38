import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analyzer.ts';
import { expandTemplatePack } from './expand-template.ts';
import { builtInPacksDirectory, loadPack, loadPacks, RulePackError } from './load-packs.ts';

function writePack(root: string, id: string, yaml: string): string {
  const directory = join(root, id);
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'pack.yaml'), yaml);
  return directory;
}

describe('loading packs', () => {
  it('names the file and each invalid field of a bad pack', () => {
    const root = mkdtempSync(join(tmpdir(), 'yuqing-packs-'));
    const directory = writePack(root, 'broken', 'id: broken\nname: 坏包\nversion: one\ncategory: x\nseverity: medium\nrules:\n  - id: r\n    name: r\n    match: { any: [12315] }\n');
    expect(() => loadPack(directory)).toThrow(RulePackError);
    expect(() => loadPack(directory)).toThrow(/broken[/\\]pack\.yaml[\s\S]*version[\s\S]*rules\.0\.match\.any\.0/);
  });

  it('refuses two packs with the same id across folders', () => {
    const first = mkdtempSync(join(tmpdir(), 'yuqing-packs-'));
    const second = mkdtempSync(join(tmpdir(), 'yuqing-packs-'));
    const yaml = 'id: same\nname: 包\nversion: 1.0.0\ncategory: x\nseverity: low\nrules:\n  - { id: r, name: r, match: { any: [词] } }\n';
    writePack(first, 'a', yaml);
    writePack(second, 'b', yaml);
    expect(() => loadPacks([first, second])).toThrow(/defined twice/);
  });

  it('adds packs from extra folders to the analyzer and lets config disable built-in ones', () => {
    const root = mkdtempSync(join(tmpdir(), 'yuqing-packs-'));
    writePack(root, 'campus', 'id: campus\nname: 校园\nversion: 1.0.0\ncategory: campus\nseverity: medium\ndictionaryTerms: [宿舍断电]\nrules:\n  - { id: power-cut, name: 宿舍断电, match: { any: [宿舍断电] } }\n');
    const analyzer = createAnalyzer({ extraPackDirectories: [root], disabledPacks: ['safety-incidents'] });
    const hits = analyzer.analyze({ content: '宿舍断电又起火了' }).risk.hits.map((hit) => hit.ruleId);
    expect(hits).toContain('campus/power-cut');
    expect(hits.some((id) => id.startsWith('safety-incidents/'))).toBe(false);
    expect(analyzer.segmenter.cut('宿舍断电又起火了')).toContain('宿舍断电');
  });
});

describe('organisation template', () => {
  const [template] = loadPacks([builtInPacksDirectory]).filter(({ pack }) => pack.id === 'organisation-mentions').map(({ pack }) => pack);

  it('is inactive until names are configured', () => {
    expect(template && expandTemplatePack(template, { organisation: [], service: [] })).toBeUndefined();
    expect(createAnalyzer().packs.map((pack) => pack.id)).not.toContain('organisation-mentions');
  });

  it('fills {organisation} and {service} into terms and proximity expressions', () => {
    const expanded = template && expandTemplatePack(template, { organisation: ['示例银行', '示例集团'], service: ['示例宝'] });
    const serialised = JSON.stringify(expanded);
    expect(serialised).not.toMatch(/\{organisation\}|\{service\}/);
    expect(serialised).toContain('near(示例银行|示例集团|示例宝, ');
    expect(expanded?.dictionaryTerms).toEqual(['示例银行', '示例集团', '示例宝']);
  });

  it('keeps rules that only need organisation names when no services are configured', () => {
    const expanded = template && expandTemplatePack(template, { organisation: ['示例银行'], service: [] });
    expect(expanded?.rules.map((rule) => rule.id)).toEqual(template?.rules.map((rule) => rule.id));
  });
});
