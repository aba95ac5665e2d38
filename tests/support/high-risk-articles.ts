import type { FixtureContent, FixtureItem } from './fixture-sites/fixture-content.ts';

/**
 * Twenty distinct incidents written like local news, each of which the built-in rule packs score high or
 * critical — the posts the alert end-to-end test and bench:alert publish on the fixture site.
 */
export const highRiskArticles: { title: string; text: string }[] = [
  { title: '北城区化工仓库发生爆炸 已造成2人死亡', text: '今天凌晨，北城区一化工仓库发生爆炸，已造成2人死亡、5人受伤，现场浓烟滚滚，周边道路已封闭。' },
  { title: '南港新区商场起火 多人被困', text: '南港新区一商场三楼起火，浓烟从窗口冒出，多人被困，消防正在全力救援，伤亡情况不明。' },
  { title: '青禾二中食堂疑似食物中毒 三十余名学生送医', text: '青禾二中三十余名学生午饭后出现腹痛呕吐，疑似食物中毒，已送医院救治，家长聚集在学校门口。' },
  { title: '药店销售假药致患者肝损伤', text: '多名市民反映在某连锁药店购买的药品是假药，服用后出现肝损伤住院，药监部门已介入调查。' },
  { title: '东湖水库疑遭工厂偷排污水 鱼类大量死亡', text: '东湖水库出现大面积死鱼，村民怀疑上游工厂夜间偷排污水，水面漂浮油污，气味刺鼻。' },
  { title: '冒充公检法诈骗 老人被骗五十万元养老钱', text: '一位七旬老人接到自称公安局的电话，被以涉嫌洗钱为由骗走五十万元养老钱，警方提醒谨防电信诈骗。' },
  { title: '网传开发区化工厂毒气泄漏 有人中毒身亡', text: '网传开发区化工厂发生毒气泄漏，已有人中毒身亡，周边居民恐慌抢购口罩，官方尚未通报。' },
  { title: '医院输错血致产妇死亡 家属讨说法', text: '家属称产妇在市妇幼医院分娩时被输错血型，抢救无效死亡，家属聚集医院要求说法，涉嫌医疗事故。' },
  { title: '快递平台泄露百万用户信息', text: '某快递平台超过百万条用户姓名、电话、住址信息在网上被公开售卖，疑似内部数据泄露。' },
  { title: '绕城高速连环追尾 造成3人死亡', text: '绕城高速发生多车连环追尾事故，造成3人死亡、8人受伤，事故路段交通中断数小时。' },
  { title: '建筑工地脚手架倒塌 两名工人遇难', text: '西城一建筑工地脚手架突然倒塌，两名工人遇难，施工方涉嫌违规施工，安监部门已介入。' },
  { title: '小区电梯故障坠落 一人重伤', text: '锦绣花园一部电梯运行中突然故障坠落，一名住户重伤送医，居民称电梯长期存在安全隐患。' },
  { title: '幼儿园多名儿童腹泻发热 疑似诺如病毒感染', text: '城南一幼儿园二十多名儿童出现腹泻发热，疑似诺如病毒感染，疾控中心已开展流行病学调查。' },
  { title: '化工园区刺鼻气味 周边居民头晕呕吐', text: '化工园区周边居民反映连续多日闻到刺鼻气味，多人头晕呕吐，怀疑有害气体泄漏，环保部门介入调查。' },
  { title: '理财平台暴雷 数千投资人无法提现', text: '一家本地理财平台突然暴雷，数千名投资人无法提现，涉嫌非法集资，投资人聚集维权。' },
  { title: '银行系统遭黑客攻击 客户账户被盗刷', text: '多名储户反映银行卡被盗刷，疑似银行系统遭黑客攻击导致客户信息泄露，银行尚未回应。' },
  { title: '老旧小区燃气管道泄漏爆燃 四人受伤', text: '老城区一居民楼燃气管道泄漏引发爆燃，造成四人受伤，多户窗户被震碎，燃气公司正在排查。' },
  { title: '过期疫苗流入社区卫生服务站', text: '有家长发现孩子接种的疫苗已经过期，涉事社区卫生服务站被指管理混乱，卫健部门已介入调查。' },
  { title: '河道大面积发黑发臭 沿岸居民投诉无人管', text: '城东河道大面积发黑发臭，疑似污水直排，沿岸居民多次投诉无人处理，孩子接触后皮肤红肿。' },
  { title: '隧道施工发生透水事故 三名工人失联', text: '城北隧道施工发生透水事故，三名工人失联，救援队伍正在全力搜救，事故原因正在调查。' },
];

/** Publishes an article on the fixture news portal now (it appears first in the list, the feeds and its page). */
export function publishArticle(content: FixtureContent, article: { title: string; text: string }, id: string, now = new Date()): FixtureItem {
  const item: FixtureItem = { id, title: article.title, text: article.text, author: '青禾日报记者', publishedAt: now, reposts: 120, comments: 80, likes: 900, views: 30_000 };
  content.news.unshift(item);
  return item;
}
