import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataViews } from '../dashboards/kibana/data-views.ts';
import type { SavedObject } from '../dashboards/kibana/lens-state.ts';
import { checkFieldReferences, flattenMapping, referencedFields } from '../dashboards/kibana/referenced-fields.ts';
import { kibanaDir, readSavedObjects, savedObjectFiles, toNdjson, withIndexPrefix } from '../dashboards/kibana/saved-object-files.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import { eventsMapping, postsMapping } from '../pipeline/post-document.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';

const es = testElasticsearch(import.meta.url);
const objects = readSavedObjects();

describe('Kibana saved objects', () => {
  beforeAll(() => es.clean());
  afterAll(() => es.clean());

  it('ships NDJSON files that match their builders', () => {
    for (const { file, objects: built } of savedObjectFiles()) {
      expect(readFileSync(`${kibanaDir}/${file}`, 'utf8'), `${file} is stale: run npx tsx dashboards/kibana/saved-object-files.ts`).toBe(toNdjson(built));
    }
  });

  it('holds a posts data view with a time field and formats, and the two dashboards with every panel resolvable', () => {
    const byKey = new Map(objects.map((object) => [`${object.type}:${object.id}`, object]));
    expect(byKey.size).toBe(objects.length);
    const posts = byKey.get(`index-pattern:${dataViews.posts.id}`)!;
    expect(posts.attributes).toMatchObject({ title: 'yuqing-posts', timeFieldName: 'publishedAt' });
    expect(Object.keys(JSON.parse(String(posts.attributes.fieldFormatMap)))).toEqual(expect.arrayContaining(['url', 'risk.level', 'review.firstResponseMinutes']));
    const dashboards = objects.filter((object) => object.type === 'dashboard');
    expect(dashboards.map((dashboard) => dashboard.attributes.title)).toEqual(['舆情总览', '风险研判']);
    for (const dashboard of dashboards) {
      const panels = JSON.parse(String(dashboard.attributes.panelsJSON)) as { panelIndex: string; panelRefName: string; type: string }[];
      expect(panels.length).toBeGreaterThanOrEqual(8);
      for (const panel of panels) {
        const reference = dashboard.references.find((ref) => ref.name === `${panel.panelIndex}:${panel.panelRefName}`);
        expect(reference, `${dashboard.id} panel ${panel.panelIndex}`).toBeDefined();
        expect(byKey.has(`${reference!.type}:${reference!.id}`), `${dashboard.id} → ${reference!.type}:${reference!.id}`).toBe(true);
      }
    }
    for (const object of objects.filter((candidate) => candidate.type === 'lens' || candidate.type === 'search')) {
      for (const reference of object.references) expect(byKey.has(`${reference.type}:${reference.id}`), `${object.id} → ${reference.id}`).toBe(true);
    }
  });

  it('references only fields of the posts and events mappings, each with a type that fits its aggregation', () => {
    const references = referencedFields(objects);
    const fields = new Set(references.map((reference) => reference.field));
    // The dashboards the issue names: sentiment, sources, keywords, events, risk levels, rules, categories, response state and time.
    for (const field of ['publishedAt', 'sentiment.label', 'sourceName', 'keywords', 'title.keyword', 'risk.level', 'risk.ruleIds', 'risk.categories', 'review.status', 'review.responseStatus', 'review.firstResponseMinutes']) {
      expect(fields, field).toContain(field);
    }
    const mappings = {
      [dataViews.posts.id]: flattenMapping(postsMapping({ analyzer: 'standard' })),
      [dataViews.events.id]: flattenMapping(eventsMapping()),
    };
    expect(checkFieldReferences(references, mappings)).toEqual([]);
  });

  it('fits the mapping of real indices created from the pipeline templates, reached through the data-view titles', async () => {
    const config = es.config();
    const names = await ensurePostIndices(es.client, config.elasticsearch);
    await es.client.indices.create({ index: names.postsIndexFor('2026-11-20T00:00:00Z') });
    await es.client.indices.create({ index: names.eventsIndexFor('2026-11-20T00:00:00Z') });
    const prefixed = withIndexPrefix(objects, es.prefix);
    const views = prefixed.filter((object): object is SavedObject => object.type === 'index-pattern');
    expect(views.map((view) => view.attributes.title)).toEqual([names.posts, names.events]);
    const mappings: Record<string, ReturnType<typeof flattenMapping>> = {};
    for (const view of views) {
      const response = await es.client.indices.getMapping({ index: String(view.attributes.title) });
      const indices = Object.values(response);
      expect(indices.length, String(view.attributes.title)).toBe(1);
      mappings[view.id] = flattenMapping(indices[0]!.mappings);
    }
    expect(checkFieldReferences(referencedFields(prefixed), mappings)).toEqual([]);
  });
});
