/**
 * Builders of Kibana 8.19 Lens saved objects (form-based datasource), so the dashboards are written as data and
 * every column names its field and operation in one place — which is what the field-mapping test reads back.
 */

/** Lens operations used here, with the field type each needs. */
export type LensOperation = 'count' | 'terms' | 'date_histogram' | 'median' | 'average' | 'max' | 'percentile' | 'unique_count';

/** One Lens column (a bucket or a metric) as stored in the saved object. */
export interface LensColumn {
  label: string;
  customLabel: true;
  dataType: 'number' | 'string' | 'date';
  operationType: LensOperation;
  sourceField: string;
  isBucketed: boolean;
  scale: 'ratio' | 'ordinal' | 'interval';
  params?: Record<string, unknown>;
  filter?: KqlQuery;
}

export interface KqlQuery { query: string; language: 'kuery' }

/** The pseudo-field Lens uses for document counts. */
export const recordsField = '___records___';

export const kql = (query: string): KqlQuery => ({ query, language: 'kuery' });

export const columns = {
  count: (label: string, filter?: string): LensColumn => ({
    label, customLabel: true, dataType: 'number', operationType: 'count', sourceField: recordsField, isBucketed: false, scale: 'ratio',
    params: { emptyAsNull: false }, ...(filter ? { filter: kql(filter) } : {}),
  }),
  dateHistogram: (field: string, label: string): LensColumn => ({
    label, customLabel: true, dataType: 'date', operationType: 'date_histogram', sourceField: field, isBucketed: true, scale: 'interval',
    params: { interval: 'auto', includeEmptyRows: true, dropPartials: false },
  }),
  /** Top values of a field, ordered by the metric column `orderBy`. */
  terms: (field: string, label: string, size: number, orderBy: string): LensColumn => ({
    label, customLabel: true, dataType: 'string', operationType: 'terms', sourceField: field, isBucketed: true, scale: 'ordinal',
    params: { size, orderBy: { type: 'column', columnId: orderBy }, orderDirection: 'desc', otherBucket: false, missingBucket: false, parentFormat: { id: 'terms' } },
  }),
  metric: (operation: 'median' | 'average' | 'max' | 'unique_count', field: string, label: string, dataType: 'number' | 'date' = 'number'): LensColumn => ({
    label, customLabel: true, dataType, operationType: operation, sourceField: field, isBucketed: false, scale: 'ratio', params: { emptyAsNull: true },
  }),
  percentile: (field: string, label: string, percentile: number): LensColumn => ({
    label, customLabel: true, dataType: 'number', operationType: 'percentile', sourceField: field, isBucketed: false, scale: 'ratio', params: { percentile },
  }),
};

/** A saved object as it appears on one NDJSON line. */
export interface SavedObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  references: { type: string; id: string; name: string }[];
  coreMigrationVersion?: string;
  typeMigrationVersion?: string;
  managed?: boolean;
}

// The versions the objects are written in; Kibana 8.19 migrates anything older on import.
const coreMigrationVersion = '8.8.0';
const lensMigrationVersion = '8.9.0';

const layerId = 'layer1';

/** What each visualization type shows, in terms of the layer's column ids. */
export type LensVisualization =
  | { type: 'metric'; metric: string }
  | { type: 'xy'; series: 'bar_stacked' | 'bar_horizontal' | 'line'; x: string; y: string[]; split?: string }
  | { type: 'pie'; groups: string[]; metric: string }
  | { type: 'tagcloud'; tag: string; value: string }
  | { type: 'datatable'; columns: string[] };

function visualizationState(visualization: LensVisualization): { visualizationType: string; state: Record<string, unknown> } {
  switch (visualization.type) {
    case 'metric':
      return { visualizationType: 'lnsMetric', state: { layerId, layerType: 'data', metricAccessor: visualization.metric } };
    case 'xy':
      return {
        visualizationType: 'lnsXY',
        state: {
          legend: { isVisible: visualization.split !== undefined || visualization.y.length > 1, position: 'right' },
          valueLabels: 'hide', fittingFunction: 'None', preferredSeriesType: visualization.series,
          layers: [{
            layerId, layerType: 'data', seriesType: visualization.series, xAccessor: visualization.x, accessors: visualization.y,
            ...(visualization.split ? { splitAccessor: visualization.split } : {}),
          }],
        },
      };
    case 'pie':
      return {
        visualizationType: 'lnsPie',
        state: {
          shape: 'donut',
          layers: [{ layerId, layerType: 'data', primaryGroups: visualization.groups, metrics: [visualization.metric], numberDisplay: 'percent', categoryDisplay: 'default', legendDisplay: 'default', nestedLegend: false }],
        },
      };
    case 'tagcloud':
      return {
        visualizationType: 'lnsTagcloud',
        state: { layerId, layerType: 'data', tagAccessor: visualization.tag, valueAccessor: visualization.value, maxFontSize: 60, minFontSize: 14, orientation: 'single', showLabel: false },
      };
    case 'datatable':
      return { visualizationType: 'lnsDatatable', state: { layerId, layerType: 'data', columns: visualization.columns.map((columnId) => ({ columnId, isTransposed: false })) } };
  }
}

export interface LensDefinition {
  id: string;
  title: string;
  description?: string;
  dataViewId: string;
  /** Column id → column, in display order. */
  columns: Record<string, LensColumn>;
  visualization: LensVisualization;
  /** KQL applied to the whole visualization. */
  query?: string;
}

/** A by-reference Lens saved object over one data view. */
export function lensObject(definition: LensDefinition): SavedObject {
  const { visualizationType, state } = visualizationState(definition.visualization);
  return {
    type: 'lens',
    id: definition.id,
    attributes: {
      title: definition.title,
      description: definition.description ?? '',
      visualizationType,
      state: {
        datasourceStates: {
          formBased: { layers: { [layerId]: { columnOrder: Object.keys(definition.columns), columns: definition.columns, incompleteColumns: {} } } },
        },
        visualization: state,
        query: kql(definition.query ?? ''),
        filters: [],
        internalReferences: [],
        adHocDataViews: {},
      },
    },
    references: [
      { type: 'index-pattern', id: definition.dataViewId, name: 'indexpattern-datasource-current-indexpattern' },
      { type: 'index-pattern', id: definition.dataViewId, name: `indexpattern-datasource-layer-${layerId}` },
    ],
    coreMigrationVersion,
    typeMigrationVersion: lensMigrationVersion,
    managed: false,
  };
}

/** The layers of a Lens object with the data view each reads (from its references). */
export function lensLayers(object: SavedObject): { dataViewId: string; columns: LensColumn[]; query: string }[] {
  const state = object.attributes.state as { datasourceStates: { formBased: { layers: Record<string, { columns: Record<string, LensColumn> }> } }; query: KqlQuery };
  return Object.entries(state.datasourceStates.formBased.layers).map(([id, layer]) => {
    const reference = object.references.find((ref) => ref.name === `indexpattern-datasource-layer-${id}`);
    if (!reference) throw new Error(`lens ${object.id}: layer ${id} has no data view reference`);
    return { dataViewId: reference.id, columns: Object.values(layer.columns), query: state.query.query };
  });
}
