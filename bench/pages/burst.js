// A page that, when the bench calls window.__startBurst({ tab, blocks }), makes `blocks` API calls
// at once, each to a distinct URL that the local server answers with a real region-block 403.
(() => {
  const state = { startedAt: null, done: 0, statuses: [] };
  window.__burst = state;
  window.__startBurst = async (options) => {
    state.startedAt = performance.timeOrigin + performance.now();
    const calls = [];
    for (let i = 0; i < options.blocks; i++) {
      const url = `https://api.openai.com/v1/bench-burst/tab-${options.tab}/call-${i}`;
      calls.push(
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
          .then(async (r) => {
            await r.text();
            state.statuses.push(r.status);
          })
          .catch(() => state.statuses.push(0))
          .finally(() => {
            state.done++;
          }),
      );
    }
    await Promise.all(calls);
    document.getElementById('status').textContent = `done ${state.done}`;
  };
})();
