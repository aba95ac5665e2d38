import type { SavedObject } from './lens-state.ts';

/** A panel on the 48-column dashboard grid, pointing at a saved object by reference. */
export interface DashboardPanel {
  object: SavedObject;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DashboardDefinition {
  id: string;
  title: string;
  description: string;
  panels: DashboardPanel[];
  /** Relative time range restored with the dashboard, e.g. now-7d. */
  timeFrom: string;
  refreshSeconds: number;
}

/** A dashboard saved object with by-reference panels (`<panel>:panel_<panel>` references, the 8.x form). */
export function dashboardObject(definition: DashboardDefinition): SavedObject {
  const panels = definition.panels.map((panel, index) => {
    const panelIndex = `p${index + 1}`;
    return {
      version: '8.19.0',
      type: panel.object.type,
      gridData: { x: panel.x, y: panel.y, w: panel.w, h: panel.h, i: panelIndex },
      panelIndex,
      embeddableConfig: { enhancements: {} },
      title: String(panel.object.attributes.title),
      panelRefName: `panel_${panelIndex}`,
    };
  });
  return {
    type: 'dashboard',
    id: definition.id,
    attributes: {
      title: definition.title,
      description: definition.description,
      panelsJSON: JSON.stringify(panels),
      optionsJSON: JSON.stringify({ useMargins: true, syncColors: false, syncCursor: true, syncTooltips: false, hidePanelTitles: false }),
      timeRestore: true,
      timeFrom: definition.timeFrom,
      timeTo: 'now',
      refreshInterval: { pause: false, value: definition.refreshSeconds * 1000 },
      kibanaSavedObjectMeta: { searchSourceJSON: JSON.stringify({ query: { query: '', language: 'kuery' }, filter: [] }) },
      version: 1,
    },
    references: definition.panels.map((panel, index) => ({ type: panel.object.type, id: panel.object.id, name: `p${index + 1}:panel_p${index + 1}` })),
    coreMigrationVersion: '8.8.0',
    typeMigrationVersion: '8.7.0',
    managed: false,
  };
}

export interface SavedSearchDefinition {
  id: string;
  title: string;
  description: string;
  dataViewId: string;
  query: string;
  columns: string[];
  sort: [string, 'asc' | 'desc'][];
}

/** A Discover saved search (a live list of documents) over one data view. */
export function savedSearchObject(definition: SavedSearchDefinition): SavedObject {
  return {
    type: 'search',
    id: definition.id,
    attributes: {
      title: definition.title,
      description: definition.description,
      columns: definition.columns,
      sort: definition.sort,
      grid: {},
      hideChart: true,
      isTextBasedQuery: false,
      kibanaSavedObjectMeta: {
        searchSourceJSON: JSON.stringify({
          query: { query: definition.query, language: 'kuery' }, filter: [], highlightAll: true, version: true,
          indexRefName: 'kibanaSavedObjectMeta.searchSourceJSON.index',
        }),
      },
    },
    references: [{ type: 'index-pattern', id: definition.dataViewId, name: 'kibanaSavedObjectMeta.searchSourceJSON.index' }],
    coreMigrationVersion: '8.8.0',
    typeMigrationVersion: '8.0.0',
    managed: false,
  };
}
