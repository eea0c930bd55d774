// The page's main thread while `fn` runs, measured two ways:
//   cpuMs  the longest task's CPU time on the page renderer's main thread (Chromium's trace,
//          `tdur` of each top-level task) — the work the page did, whatever the machine's load
//   wallMs the longest task's wall time (what a person would feel on an idle machine it equals cpuMs;
//          on a loaded machine the thread also waits for a core) and the Long Tasks API's entries.
export async function mainThreadDuring(page, context, fn) {
  const cdp = await context.newCDPSession(page);
  const frameId = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const ended = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', '__metadata'], enableSampling: false }, transferMode: 'ReportEvents' });
  await page.evaluate(() => {
    setTimeout(() => {}, 0); // a TimerFire event that names the main frame, for the trace
    window.longTasks = [];
    window.ltObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(Math.round(e.duration)); });
    window.ltObserver.observe({ type: 'longtask' });
  });
  const out = await fn();
  await page.waitForTimeout(150);
  const longTasks = await page.evaluate(() => { window.ltObserver.disconnect(); return window.longTasks; });
  await cdp.send('Tracing.end');
  await ended;
  await cdp.detach();
  // The page's renderer: the process whose devtools.timeline events name the main frame.
  const pid = events.find((e) => e.args?.data?.frame === frameId)?.pid;
  const tid = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain')?.tid;
  const tasks = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'));
  const cpuMs = Math.round(Math.max(0, ...tasks.map((e) => (e.tdur ?? e.dur) / 1000)));
  const wallMs = Math.round(Math.max(0, ...tasks.map((e) => e.dur / 1000)));
  if (!pid || !tid || !tasks.length) throw new Error(`no trace of the page's main thread (pid ${pid}, tid ${tid}, ${tasks.length} tasks, ${events.length} events)`);
  return { out, cpuMs, wallMs, longTasks, tasks: tasks.length };
}
