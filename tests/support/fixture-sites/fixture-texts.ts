// Post texts for the fixture sites: real Chinese Weibo posts read at test time from the shared data
// sets (never copied into the repository), or, in a fresh clone without `../shared`, texts built
// from the sentences below so every test still runs.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `../shared/datasets` beside the repository. */
export const datasetsDir = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));

/** A text with the site's own id for it when the data set has one (weibo2018 keeps Weibo mids). */
export interface FixtureText {
  text: string;
  mid?: string;
}

const fallbackSentences = [
  '小区门口的路灯坏了一个多星期，晚上回家黑漆漆的，希望物业尽快修好。',
  '今天去政务服务中心办居住证，排队不到十分钟就办完了，工作人员很耐心。',
  '地铁三号线早高峰太挤了，能不能加开几趟车？每天都要等两三班。',
  '菜市场新装了遮雨棚，下雨天买菜方便多了，给街道办点个赞。',
  '学校门口的斑马线一直没有红绿灯，接孩子的时候车开得很快，太危险了。',
  '老旧小区加装电梯的事情讨论了半年，到底什么时候能开工？',
  '公园里的健身器材有几个已经生锈松动了，老人孩子用着不放心。',
  '昨晚楼下烧烤店营业到凌晨两点，油烟和噪音让人根本睡不着。',
  '新开的社区食堂价格实惠，味道也不错，独居老人吃饭有着落了。',
  '供暖已经开始三天了，我家暖气片还是凉的，打热线也没人回复。',
  '河道整治以后水清了很多，周末带孩子去散步，看到好多白鹭。',
  '公交站台的电子屏一直显示错误的到站时间，等车全靠猜。',
  '医院挂号改成网上预约以后，老人不会用手机，现场又不给挂号，很不方便。',
  '垃圾分类投放点晚上八点就关门了，上班族下班回来根本赶不上。',
  '图书馆延长开放时间到晚上十点，备考的学生终于有地方自习了。',
  '这条路修了又挖、挖了又修，一年里封了三次，绕路绕得头疼。',
  '社区组织的防诈骗讲座很实用，我妈听完以后再也不接陌生电话了。',
  '外卖电动车在人行道上横冲直撞，昨天差点撞到一个小朋友。',
  '停车难的问题越来越严重，小区里每天晚上都有车堵在消防通道上。',
  '夜市开张以后热闹了不少，就是散场后的垃圾没人及时清理。',
];
const fallbackAuthors = ['青禾小市民', '城东老王', '爱跑步的阿杰', '午后的猫', '不吃香菜', '河边散步的人', '早起的鸟儿', '林间小路', '一只柠檬', '晚风'];

function cleanWeiboText(text: string): string {
  // weibo2018 escapes topics and links as {%…%}; show them as Weibo does.
  return text.replace(/\{%([^%]*)%\}/g, '$1').replace(/\s+/g, ' ').trim();
}

function readDatasetTexts(): FixtureText[] {
  const texts: FixtureText[] = [];
  for (const line of readFileSync(`${datasetsDir}weibo2018/train.txt`, 'utf8').split('\n')) {
    const first = line.indexOf(',');
    const second = line.indexOf(',', first + 1);
    if (first < 0 || second < 0) continue;
    const text = cleanWeiboText(line.slice(second + 1));
    if (text.length >= 10) texts.push({ text, mid: line.slice(0, first) });
  }
  for (const line of readFileSync(`${datasetsDir}weibo_senti_100k/dev.tsv`, 'utf8').split('\n')) {
    const text = cleanWeiboText(line.slice(line.indexOf('\t') + 1).replace(/^"|"$/g, ''));
    if (text.length >= 10 && !text.includes('"')) texts.push({ text });
  }
  return texts;
}

function fallbackTexts(count: number): FixtureText[] {
  return Array.from({ length: count }, (_, index) => {
    const sentence = fallbackSentences[index % fallbackSentences.length]!;
    const extra = fallbackSentences[(index * 7 + 3) % fallbackSentences.length]!;
    return { text: `${sentence}${index % 3 === 0 ? extra : ''}（第${index + 1}条）` };
  });
}

let cached: FixtureText[] | undefined;

/** True when the shared data sets are present, so the fixture sites serve real posts. */
export const hasDatasets = existsSync(`${datasetsDir}weibo2018/train.txt`) && existsSync(`${datasetsDir}weibo_senti_100k/dev.tsv`);

/** `count` distinct texts, the same on every call: real posts when the data sets are there, else built ones. */
export function fixtureTexts(count: number): FixtureText[] {
  cached ??= hasDatasets ? readDatasetTexts() : [];
  if (cached.length >= count) return cached.slice(0, count);
  return [...cached, ...fallbackTexts(count - cached.length)];
}

/** A public display name for the n-th author. */
export function fixtureAuthor(index: number): string {
  return `${fallbackAuthors[index % fallbackAuthors.length]}${index >= fallbackAuthors.length ? Math.floor(index / fallbackAuthors.length) : ''}`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
