// A Discuz! X3-style community forum, served in GBK as most Discuz boards are: a board with
// paginated thread lists (sorted by last reply), threads whose floors are paginated, and the markup
// Discuz uses (normalthread_<tid>, post_<pid>, postmessage_<pid>, 发表于 …).
import iconv from 'iconv-lite';
import type { FixtureContent, FixtureThread } from './fixture-content.ts';
import { siteClock } from './fixture-content.ts';
import type { Route } from './fixture-site.ts';
import { escapeHtml } from './fixture-texts.ts';

/** How the board pages its threads and floors. */
export interface ForumLayout {
  threadsPerPage: number;
  floorsPerPage: number;
}

function page(title: string, body: string): Buffer {
  return iconv.encode(`<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>${title} - 青禾论坛 - Powered by Discuz!</title>
<meta name="generator" content="Discuz! X3.4" />
</head>
<body id="nv_forum" class="pg_forumdisplay">
<div id="hd"><div class="wp"><a href="forum.php" title="青禾论坛">青禾论坛</a></div></div>
<div id="wp" class="wp">
${body}
</div>
<div id="ft" class="wp cl">Powered by <strong>Discuz!</strong> X3.4</div>
</body>
</html>`, 'gb18030');
}

function pager(current: number, pages: number, href: (page: number) => string): string {
  if (pages <= 1) return '';
  const links = Array.from({ length: pages }, (_, index) => index + 1)
    .map((number) => (number === current ? `<strong>${number}</strong>` : `<a href="${href(number)}">${number}</a>`)).join('');
  const next = current < pages ? `<a href="${href(current + 1)}" class="nxt">下一页</a>` : '';
  return `<div class="pg">${links}${next}</div>`;
}

function threadRow(thread: FixtureThread): string {
  const opener = thread.floors[0]!;
  const last = thread.floors.at(-1)!;
  return `<tbody id="normalthread_${thread.tid}">
<tr>
<td class="icn"><a href="thread-${thread.tid}-1-1.html" title="新窗口打开" target="_blank"><img src="static/image/common/folder_common.gif" /></a></td>
<th class="common"><a href="thread-${thread.tid}-1-1.html" onclick="atarget(this)" class="s xst">${escapeHtml(thread.title)}</a></th>
<td class="by"><cite><a href="space-uid-${Number(thread.tid) * 7}.html" c="1">${escapeHtml(opener.author)}</a></cite><em><span>${siteClock(opener.publishedAt, 'yyyy-M-d')}</span></em></td>
<td class="num"><a href="thread-${thread.tid}-1-1.html" class="xi2">${thread.floors.length - 1}</a><em>${opener.views}</em></td>
<td class="by"><cite><a href="space-username-x.html" c="1">${escapeHtml(last.author)}</a></cite><em><a href="forum.php?mod=redirect&amp;tid=${thread.tid}&amp;goto=lastpost#lastpost">${siteClock(last.publishedAt)}</a></em></td>
</tr>
</tbody>`;
}

function floorBlock(thread: FixtureThread, index: number): string {
  const floor = thread.floors[index]!;
  return `<div id="post_${floor.id}">
<table id="pid${floor.id}" class="plhin" summary="pid${floor.id}" cellspacing="0" cellpadding="0">
<tr>
<td class="pls" rowspan="2"><div class="pi"><div class="authi"><a href="space-uid-${floor.id}.html" target="_blank" class="xw1">${escapeHtml(floor.author)}</a></div></div></td>
<td class="plc">
<div class="pi"><strong><a href="forum.php?mod=redirect&amp;goto=findpost&amp;ptid=${thread.tid}&amp;pid=${floor.id}" id="postnum${floor.id}"><em>${index + 1}</em><sup>#</sup></a></strong>
<div class="pti"><div class="authi"><em id="authorposton${floor.id}">发表于 ${siteClock(floor.publishedAt)}</em></div></div></div>
<div class="pct"><div class="pcb"><div class="t_fsz">
<table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_${floor.id}">
${escapeHtml(floor.text)}<br />
</td></tr></table>
</div></div></div>
</td></tr>
</table>
</div>`;
}

/** The forum's routes under /bbs/. */
export function forumRoutes(content: FixtureContent, layout: ForumLayout): Route[] {
  return [
    [/^\/bbs\/forum-2-(\d+)\.html$/, (_request, response, _url, match) => {
      const number = Number(match[1]);
      const pages = Math.max(1, Math.ceil(content.threads.length / layout.threadsPerPage));
      const rows = content.threads.slice((number - 1) * layout.threadsPerPage, number * layout.threadsPerPage).map(threadRow).join('\n');
      const body = `<div id="pt" class="bm cl"><a href="forum.php">论坛</a> <em>&rsaquo;</em> <a href="forum-2-1.html">民生热线</a></div>
<div id="threadlist" class="tl bm bmw"><div class="bm_c"><form method="post" name="moderate" id="moderate">
<table summary="forum_2" id="threadlisttableid" cellspacing="0" cellpadding="0">
<tbody id="separatorline"><tr class="ts"><td>&nbsp;</td><th>版块主题</th></tr></tbody>
${rows}
</table></form></div></div>
${pager(number, pages, (target) => `forum-2-${target}.html`)}`;
      response.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(page('民生热线', body));
    }],
    [/^\/bbs\/thread-(\d+)-(\d+)-1\.html$/, (_request, response, _url, match) => {
      const thread = content.threads.find((candidate) => candidate.tid === match[1]);
      if (!thread) return void response.writeHead(404, { 'content-type': 'text/html; charset=gbk' }).end(page('提示信息', '<div class="alert_error">抱歉，指定的主题不存在或已被删除或正在被审核</div>'));
      const number = Number(match[2]);
      const pages = Math.max(1, Math.ceil(thread.floors.length / layout.floorsPerPage));
      const floors = thread.floors.map((_, index) => index).slice((number - 1) * layout.floorsPerPage, number * layout.floorsPerPage).map((index) => floorBlock(thread, index)).join('\n');
      const body = `<div id="postlist" class="pl bm">
<table cellspacing="0" cellpadding="0"><tr><td class="plc ptm pbn vwthd"><h1 class="ts"><span id="thread_subject">${escapeHtml(thread.title)}</span></h1></td></tr></table>
${floors}
</div>
${pager(number, pages, (target) => `thread-${thread.tid}-${target}-1.html`)}`;
      response.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(page(escapeHtml(thread.title), body));
    }],
  ];
}
