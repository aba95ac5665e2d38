import type { UiLanguage } from '../../i18n/ui-language.ts';

const zhCN = {
  title: '采集源', intro: '每个采集源最近一次运行的状态与计数。管理员可立即运行、暂停或恢复一个源。',
  none: '尚未配置采集源。', unavailable: '当前进程未运行采集调度（yuqing serve），只能查看。',
  columns: { source: '采集源', state: '状态', lastRun: '上次运行', lastSuccess: '上次成功', counts: '发现 / 入库 / 丢弃', quality: '无日期 / 无标题 / 字符集回退 / 自动抽取', problem: '原因与处理建议', actions: '操作' },
  states: { ok: '正常', degraded: '部分异常', failing: '采集失败', blocked: '被拦截', broken: '已失效', 'never-run': '尚未运行', interrupted: '被中断', disabled: '已停用', paused: '已暂停' } as Record<string, string>,
  runNow: '立即运行', pause: '暂停', resume: '恢复', running: '运行中',
  backoff: (until: string) => `退避至 ${until}`, pausedBy: (by: string, at: string) => `${by} 于 ${at} 暂停`,
  whatToDo: '处理建议：', started: '已开始运行。', alreadyRunning: '该源正在运行。', paused: '已暂停。', resumed: '已恢复。', unknownSource: '没有这个采集源。',
  noScheduler: '当前进程没有采集调度，无法执行。',
};

const en: typeof zhCN = {
  title: 'Sources', intro: 'State and counts of every source\'s last run. Administrators can run a source now, pause or resume it.',
  none: 'No sources are configured.', unavailable: 'This process does not run the crawl scheduler (yuqing serve): read only.',
  columns: { source: 'Source', state: 'State', lastRun: 'Last run', lastSuccess: 'Last success', counts: 'Seen / stored / dropped', quality: 'Undated / untitled / fallback charset / extracted', problem: 'Reason and what to do', actions: 'Actions' },
  states: { ok: 'OK', degraded: 'Degraded', failing: 'Failing', blocked: 'Blocked', broken: 'Broken', 'never-run': 'Never run', interrupted: 'Interrupted', disabled: 'Disabled', paused: 'Paused' },
  runNow: 'Run now', pause: 'Pause', resume: 'Resume', running: 'running',
  backoff: (until: string) => `backing off until ${until}`, pausedBy: (by: string, at: string) => `paused by ${by} at ${at}`,
  whatToDo: 'What to do: ', started: 'Run started.', alreadyRunning: 'A run of this source is going on.', paused: 'Paused.', resumed: 'Resumed.', unknownSource: 'No such source.',
  noScheduler: 'This process has no crawl scheduler.',
};

/** The source-health screen's texts (kept with the screen). */
export function sourcesMessages(language: UiLanguage): typeof zhCN {
  return language === 'en' ? en : zhCN;
}
