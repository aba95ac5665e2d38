import { describe, expect, it } from 'vitest';
import { eventsMapping, postsMapping } from '../../pipeline/post-document.ts';
import { savedSearchObject } from './dashboard-object.ts';
import { checkFieldReferences, flattenMapping, kqlFields, referencedFields } from './referenced-fields.ts';
import { columns, lensObject } from './lens-state.ts';

const mappings = {
  'yuqing-posts': flattenMapping(postsMapping({ analyzer: 'standard' })),
  'yuqing-events': flattenMapping(eventsMapping()),
};

describe('field references of saved objects', () => {
  it('flattens nested properties and multi-fields, marking text and doc-values-free fields as not aggregatable', () => {
    const posts = mappings['yuqing-posts'];
    expect(posts.get('risk.level')).toEqual({ type: 'keyword', aggregatable: true });
    expect(posts.get('title')).toEqual({ type: 'text', aggregatable: false });
    expect(posts.get('title.keyword')).toEqual({ type: 'keyword', aggregatable: true });
    expect(posts.get('tokens')).toEqual({ type: 'keyword', aggregatable: true });
    expect(flattenMapping({ properties: { hidden: { type: 'keyword', doc_values: false } } }).get('hidden')).toEqual({ type: 'keyword', aggregatable: false });
    expect(posts.get('review.firstResponseMinutes')).toEqual({ type: 'float', aggregatable: true });
  });

  it('reads field names out of KQL, telling range comparisons apart', () => {
    expect(kqlFields('risk.levelRank >= 3 and review.status : ("new" or "in_progress")')).toEqual([
      { field: 'risk.levelRank', isRange: true }, { field: 'review.status', isRange: false },
    ]);
  });

  it('reports a missing field and every field whose type does not fit its aggregation', () => {
    const broken = lensObject({
      id: 'broken', title: 'broken', dataViewId: 'yuqing-posts', query: 'sourceName >= 3',
      columns: {
        a: columns.terms('content', '正文', 5, 'd'),
        b: columns.dateHistogram('sourceId', '来源'),
        c: columns.metric('median', 'risk.level', '等级'),
        d: columns.count('数', 'noSuchField : "x"'),
      },
      visualization: { type: 'datatable', columns: ['a', 'b', 'c', 'd'] },
    });
    const search = savedSearchObject({ id: 'list', title: 'list', description: '', dataViewId: 'yuqing-posts', query: '', columns: ['title', 'missing.column'], sort: [['content', 'desc']] });
    const problems = checkFieldReferences(referencedFields([broken, search]), mappings);
    expect(problems).toEqual([
      expect.stringMatching(/^broken \(query "sourceName >= 3"\): field sourceName is keyword, needs numeric-or-date/),
      expect.stringMatching(/^broken \(terms column "正文"\): field content is text \(not aggregatable\), needs aggregatable/),
      expect.stringMatching(/^broken \(date_histogram column "来源"\): field sourceId is keyword, needs date/),
      expect.stringMatching(/^broken \(median column "等级"\): field risk.level is keyword, needs numeric/),
      expect.stringMatching(/^broken \(filter of "数" "noSuchField : "x""\): field noSuchField is not in the yuqing-posts mapping/),
      expect.stringMatching(/^list \(column\): field missing.column is not in/),
      expect.stringMatching(/^list \(sort\): field content is text/),
    ]);
  });
});
