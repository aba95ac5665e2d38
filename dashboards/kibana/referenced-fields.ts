import type { estypes } from '@elastic/elasticsearch';
import { lensLayers, recordsField, type LensOperation, type SavedObject } from './lens-state.ts';

/** What a reference needs from its field. */
export type FieldNeed = 'exists' | 'aggregatable' | 'date' | 'numeric' | 'numeric-or-date' | 'keyword-or-text';

/** One field a saved object uses, and how. */
export interface FieldReference {
  objectId: string;
  dataViewId: string;
  field: string;
  need: FieldNeed;
  /** Where in the object, for the error message. */
  usage: string;
}

/** A mapped field as Kibana sees it. */
export interface MappedField { type: string; aggregatable: boolean }

const numericTypes = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float', 'unsigned_long']);
const nonAggregatableTypes = new Set(['text', 'object', 'nested', 'match_only_text']);

/** Flattens an index mapping into dotted paths (multi-fields included, e.g. `title.keyword`). */
export function flattenMapping(mapping: estypes.MappingTypeMapping): Map<string, MappedField> {
  const out = new Map<string, MappedField>();
  const walk = (properties: Record<string, estypes.MappingProperty> | undefined, prefix: string) => {
    for (const [name, property] of Object.entries(properties ?? {})) {
      const path = `${prefix}${name}`;
      const node = property as { type?: string; properties?: Record<string, estypes.MappingProperty>; fields?: Record<string, estypes.MappingProperty>; doc_values?: boolean; enabled?: boolean; index?: boolean };
      if (node.properties) {
        walk(node.properties, `${path}.`);
        continue;
      }
      const type = node.type ?? 'object';
      const aggregatable = !nonAggregatableTypes.has(type) && node.doc_values !== false && node.enabled !== false;
      out.set(path, { type, aggregatable });
      for (const [subName, sub] of Object.entries(node.fields ?? {})) {
        const subNode = sub as { type?: string; doc_values?: boolean };
        out.set(`${path}.${subName}`, { type: subNode.type ?? 'object', aggregatable: !nonAggregatableTypes.has(subNode.type ?? 'object') && subNode.doc_values !== false });
      }
    }
  };
  walk(mapping.properties, '');
  return out;
}

const operationNeeds: Record<LensOperation, FieldNeed> = {
  count: 'exists', terms: 'aggregatable', unique_count: 'aggregatable', date_histogram: 'date',
  median: 'numeric', average: 'numeric', percentile: 'numeric', max: 'numeric-or-date',
};

const formatNeeds: Record<string, FieldNeed> = {
  number: 'numeric', percent: 'numeric', duration: 'numeric', bytes: 'numeric', date: 'date', url: 'keyword-or-text', static_lookup: 'aggregatable',
};

/** Field names in a KQL expression (`field : value`, `field >= n`), with range comparisons needing numbers or dates. */
export function kqlFields(query: string): { field: string; isRange: boolean }[] {
  const out: { field: string; isRange: boolean }[] = [];
  for (const match of query.matchAll(/([A-Za-z_][\w.]*)\s*(:|>=|<=|>|<)/g)) out.push({ field: match[1]!, isRange: match[2] !== ':' });
  return out;
}

function parseJson<T>(value: unknown, fallback: T): T {
  return typeof value === 'string' && value !== '' ? (JSON.parse(value) as T) : fallback;
}

/** Every field the objects use: data-view time fields and formats, Lens columns and queries, saved-search columns, sorts and queries. */
export function referencedFields(objects: SavedObject[]): FieldReference[] {
  const out: FieldReference[] = [];
  const add = (object: SavedObject, dataViewId: string, field: string, need: FieldNeed, usage: string) => out.push({ objectId: object.id, dataViewId, field, need, usage });
  const addKql = (object: SavedObject, dataViewId: string, query: string, usage: string) => {
    for (const { field, isRange } of kqlFields(query)) add(object, dataViewId, field, isRange ? 'numeric-or-date' : 'exists', `${usage} "${query}"`);
  };
  for (const object of objects) {
    if (object.type === 'index-pattern') {
      const attributes = object.attributes;
      if (typeof attributes.timeFieldName === 'string') add(object, object.id, attributes.timeFieldName, 'date', 'timeFieldName');
      for (const [field, format] of Object.entries(parseJson<Record<string, { id: string }>>(attributes.fieldFormatMap, {}))) {
        add(object, object.id, field, formatNeeds[format.id] ?? 'exists', `field format ${format.id}`);
      }
      for (const field of Object.keys(parseJson<Record<string, unknown>>(attributes.fieldAttrs, {}))) add(object, object.id, field, 'exists', 'field label');
    } else if (object.type === 'lens') {
      for (const layer of lensLayers(object)) {
        if (layer.query) addKql(object, layer.dataViewId, layer.query, 'query');
        for (const column of layer.columns) {
          if (column.sourceField !== recordsField) add(object, layer.dataViewId, column.sourceField, operationNeeds[column.operationType], `${column.operationType} column "${column.label}"`);
          if (column.filter) addKql(object, layer.dataViewId, column.filter.query, `filter of "${column.label}"`);
        }
      }
    } else if (object.type === 'search') {
      const dataViewId = object.references.find((ref) => ref.type === 'index-pattern')?.id ?? '';
      for (const field of object.attributes.columns as string[]) add(object, dataViewId, field, 'exists', 'column');
      for (const [field] of object.attributes.sort as [string, string][]) add(object, dataViewId, field, 'aggregatable', 'sort');
      const source = parseJson<{ query?: { query: string } }>((object.attributes.kibanaSavedObjectMeta as { searchSourceJSON: string }).searchSourceJSON, {});
      if (source.query?.query) addKql(object, dataViewId, source.query.query, 'query');
    }
  }
  return out;
}

function fits(field: MappedField, need: FieldNeed): boolean {
  switch (need) {
    case 'exists': return true;
    case 'aggregatable': return field.aggregatable;
    case 'date': return field.type === 'date' || field.type === 'date_nanos';
    case 'numeric': return numericTypes.has(field.type) && field.aggregatable;
    case 'numeric-or-date': return (numericTypes.has(field.type) || field.type === 'date') && field.aggregatable;
    case 'keyword-or-text': return field.type === 'keyword' || field.type === 'text';
  }
}

/** Problems with the references: a missing field, or one whose type does not fit its use. Empty when all fit. */
export function checkFieldReferences(references: FieldReference[], mappings: Record<string, Map<string, MappedField>>): string[] {
  const problems: string[] = [];
  for (const reference of references) {
    const mapping = mappings[reference.dataViewId];
    const where = `${reference.objectId} (${reference.usage})`;
    if (!mapping) {
      problems.push(`${where}: unknown data view ${reference.dataViewId}`);
      continue;
    }
    const field = mapping.get(reference.field);
    if (!field) problems.push(`${where}: field ${reference.field} is not in the ${reference.dataViewId} mapping`);
    else if (!fits(field, reference.need)) problems.push(`${where}: field ${reference.field} is ${field.type}${field.aggregatable ? '' : ' (not aggregatable)'}, needs ${reference.need}`);
  }
  return problems;
}
