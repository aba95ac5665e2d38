// A JSON API as social platforms expose it: statuses with numeric and string ids, HTML in the text,
// epoch-second timestamps, nested users, and cursor pagination (`max_id`-style next cursor).
import type { FixtureContent, FixtureItem } from './fixture-content.ts';
import type { Route } from './fixture-site.ts';
import { escapeHtml } from './fixture-texts.ts';

/** Statuses per API page. */
export const apiPageSize = 10;

function status(item: FixtureItem) {
  return {
    id: Number(item.id), idstr: item.id,
    text: `<p>${escapeHtml(item.text)}</p>`,
    created_at: Math.floor(item.publishedAt.getTime() / 1000),
    user: { id: item.author.length * 1000, screen_name: item.author },
    reposts_count: item.reposts, comments_count: item.comments, attitudes_count: item.likes,
  };
}

/** The API's routes under /api/. */
export function jsonApiRoutes(content: FixtureContent): Route[] {
  return [
    [/^\/api\/v1\/statuses$/, (_request, response, url) => {
      const cursor = url.searchParams.get('cursor');
      const start = cursor ? content.api.findIndex((item) => item.id === cursor) + 1 : 0;
      const batch = content.api.slice(start, start + apiPageSize);
      const more = start + apiPageSize < content.api.length;
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify({ code: 0, msg: 'ok', data: { statuses: batch.map(status), next_cursor: more ? batch.at(-1)!.id : '' } }));
    }],
    [/^\/api\/v2\/statuses$/, (_request, response) => {
      // The platform renamed its fields: a source declared for v1 must report itself broken.
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify({ code: 0, result: { items: content.api.slice(0, 3).map(status) } }));
    }],
  ];
}
