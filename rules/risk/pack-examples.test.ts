import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analyzer.ts';
import { builtInPacksDirectory, loadPackExamples, loadPacks } from './load-packs.ts';

// Every shipped pack carries examples.yaml; each example must produce exactly the listed rule hits
// from its own pack — no missing hit and no extra one.
const packs = loadPacks([builtInPacksDirectory]);
const defaultAnalyzer = createAnalyzer();
const analyzersByNames = new Map<string, ReturnType<typeof createAnalyzer>>();
function analyzerFor(organisationNames: string[] | undefined, serviceNames: string[] | undefined) {
  if (!organisationNames && !serviceNames) return defaultAnalyzer;
  const key = JSON.stringify([organisationNames, serviceNames]);
  let analyzer = analyzersByNames.get(key);
  if (!analyzer) {
    analyzer = createAnalyzer({ organisationNames: organisationNames ?? [], serviceNames: serviceNames ?? [] });
    analyzersByNames.set(key, analyzer);
  }
  return analyzer;
}

describe('rule pack examples', () => {
  it('ships the required packs', () => {
    expect(packs.map(({ pack }) => pack.id).sort()).toEqual([
      'data-leaks-cyber', 'environmental-pollution', 'food-drug-safety', 'fraud-scams', 'official-voice', 'organisation-mentions',
      'public-health', 'rumours-misinformation', 'safety-incidents', 'service-complaints',
    ]);
  });

  for (const { pack, directory } of packs) {
    describe(pack.id, () => {
      const examples = loadPackExamples(directory);
      it('has at least one example that hits and one that must not', () => {
        expect(examples.some((example) => example.expect.length > 0)).toBe(true);
        expect(examples.some((example) => example.expect.length === 0)).toBe(true);
      });
      it('only names rules that exist in the pack', () => {
        const ruleIds = new Set(pack.rules.map((rule) => rule.id));
        for (const example of examples) for (const id of example.expect) expect(ruleIds).toContain(id);
      });
      for (const example of examples) {
        it(`${example.expect.length > 0 ? `hits ${example.expect.join(', ')}` : 'hits nothing'} for “${example.text.slice(0, 24)}”`, () => {
          const analysis = analyzerFor(example.organisationNames, example.serviceNames).analyze({ content: example.text, title: example.title, author: example.author });
          const hits = analysis.risk.hits.filter((hit) => hit.packId === pack.id);
          expect(hits.map((hit) => hit.ruleId.slice(pack.id.length + 1)).sort()).toEqual([...example.expect].sort());
          for (const hit of hits) {
            expect(hit.packVersion).toBe(pack.version);
            for (const match of hit.matches) {
              const fieldText = match.field === 'title' ? example.title : match.field === 'author' ? example.author : example.text;
              expect(fieldText?.slice(match.start, match.end).toLowerCase()).toBe(match.term.toLowerCase());
            }
          }
        });
      }
    });
  }
});
