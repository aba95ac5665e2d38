// Human truth for the four Chinese pages of ../shared/crawl-corpus/readability-test-pages, whose expected
// values are Readability's own (the title keeps "_科技_腾讯网", the publication time is null although the
// page prints it). Read off each page by hand; only these judgements are here, never the pages.
import type { FieldSelector } from '../config/sources-schema.ts';

/** The headline as printed above the article, the time printed below it (with its zone), and the selectors an operator would write. */
export const chineseCorpusTruth: Record<string, { title: string; publishedAt: string; selectors: { titleSelector: FieldSelector; contentSelector: FieldSelector; timeSelector: FieldSelector } }> = {
  qq: { title: 'DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶', publishedAt: '2016-10-14T07:17:00+08:00',
    selectors: { titleSelector: 'h1', contentSelector: '#Cnt-Main-Article-QQ', timeSelector: 'span.pubTime' } },
  gmw: { title: '宇航员在太空中喝酒会怎么样？后果很严重', publishedAt: '2017-03-10T09:58:03+08:00',
    selectors: { titleSelector: 'h1#articleTitle', contentSelector: '#contentMain', timeSelector: '#pubtime_baidu' } },
  youth: { title: '海外留学生看两会：出国前后关注点大不同', publishedAt: '2017-03-10T08:42:00+08:00',
    selectors: { titleSelector: 'div.l_tit', contentSelector: '#content', timeSelector: '#pubtime_baidu' } },
  pixnet: { title: '新竹尖石_美樹營地賞楓 (2)', publishedAt: '2013-12-28T00:28:00+08:00',
    selectors: { titleSelector: 'li.title h2', contentSelector: '#article-content-inner', timeSelector: 'li.publish' } },
};
