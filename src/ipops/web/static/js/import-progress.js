// Live progress of a running import: poll the JSON twin, update the counters, reload when done.
(function () {
  const el = document.getElementById("run-status");
  if (!el || el.dataset.status !== "running") return;
  const keys = ["read", "inserted", "updated", "unchanged", "rejected", "warnings"];
  async function poll() {
    try {
      const resp = await fetch(`/api/v1/imports/${el.dataset.run}`, { credentials: "same-origin" });
      const run = await resp.json();
      keys.forEach((k) => {
        const cell = document.getElementById(`count-${k}`);
        if (cell) cell.textContent = run[k].toLocaleString("zh-CN");
      });
      if (run.status !== "running") { window.location.reload(); return; }
    } catch (e) { /* transient: try again */ }
    setTimeout(poll, 2000);
  }
  setTimeout(poll, 1000);
})();
