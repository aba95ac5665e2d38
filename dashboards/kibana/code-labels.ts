import type { SavedObject } from './lens-state.ts';
import { dataViews, lookup } from './data-views.ts';

/** Names of codes that only the installation knows: rule names (from its rule packs), dismiss reasons and units (from its config). */
export interface InstallationLabels {
  /** `pack/rule` id → rule name. */
  rules: Record<string, string>;
  /** `review.dismissReason` id → label. */
  dismissReasons: Record<string, string>;
  /** `review.unit` id → unit name. */
  units: Record<string, string>;
}

/**
 * The saved objects with the posts data view showing rule ids, dismiss reasons and units as their Chinese names
 * (static lookups added to its field formats at import). dashboards/ cannot read rule packs, so `yuqing kibana
 * import` (bin/) passes the names of the packs it loads; the committed NDJSON carries only the fixed code lists.
 */
export function withInstallationLabels(objects: SavedObject[], labels: InstallationLabels): SavedObject[] {
  return objects.map((object) => {
    if (object.type !== 'index-pattern' || object.id !== dataViews.posts.id) return object;
    const formats = JSON.parse(String(object.attributes.fieldFormatMap)) as Record<string, unknown>;
    const added = {
      ...(Object.keys(labels.rules).length ? { 'risk.ruleIds': lookup(labels.rules) } : {}),
      ...(Object.keys(labels.dismissReasons).length ? { 'review.dismissReason': lookup(labels.dismissReasons) } : {}),
      ...(Object.keys(labels.units).length ? { 'review.unit': lookup(labels.units) } : {}),
    };
    return { ...object, attributes: { ...object.attributes, fieldFormatMap: JSON.stringify({ ...formats, ...added }) } };
  });
}
