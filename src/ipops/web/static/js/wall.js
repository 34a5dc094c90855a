/* 数据大屏 /wall: fetches GET /api/v1/wall and renders every panel. Vanilla JS + ECharts 5
   (local /static/vendor/echarts.min.js). Every number shown as text is an <a> to the records
   behind it (the payload's `link`); a null value shows its `missing` reason, never 0. */
(function () {
  "use strict";

  const body = document.body;
  const API = body.dataset.api || "/api/v1/wall";
  const GEO_URL = "/static/vendor/shandong.geo.json";
  const PROVINCE = { code: "370000", name: "山东省" };
  const params = { region: body.dataset.region || PROVINCE.code, year: body.dataset.year || "", indicator: body.dataset.indicator || "" };
  const $ = (id) => document.getElementById(id);
  const charts = [];
  let cities = []; // [{code, name}] from the map file, in code order

  // ---- helpers -----------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "style") node.style.cssText = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }
  /** Only same-site paths become links (the payload is data, not markup). */
  function safeHref(link) {
    return typeof link === "string" && link.startsWith("/") && !link.startsWith("//") ? link : null;
  }
  function link(href, cls, ...children) {
    const h = safeHref(href);
    return h ? el("a", { href: h, class: cls }, ...children) : el("span", { class: cls }, ...children);
  }
  const NF = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });
  const NF0 = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
  function fmt(v) {
    if (v === null || v === undefined || Number.isNaN(v)) return "—";
    return Math.abs(v) >= 1000 ? NF0.format(v) : NF.format(v);
  }
  function compact(v) {
    if (v === null || v === undefined) return "";
    if (Math.abs(v) >= 1e8) return NF.format(v / 1e8) + "亿";
    if (Math.abs(v) >= 1e4) return NF.format(Math.round(v / 1e3) / 10) + "万";
    return Math.abs(v) >= 100 ? NF0.format(v) : NF.format(v);
  }
  function pct(x) { return NF.format(Math.round(x * 1000) / 10) + "%"; }
  function missingText(item) { return item.missing || "暂无数据"; }
  function wallUrl(over) {
    const q = new URLSearchParams();
    const p = Object.assign({}, params, over);
    for (const k of ["region", "year", "indicator"]) if (p[k]) q.set(k, p[k]);
    return "/wall?" + q.toString();
  }
  function apiUrl() {
    const q = new URLSearchParams();
    for (const k of ["region", "year", "indicator"]) if (params[k]) q.set(k, params[k]);
    return API + "?" + q.toString();
  }
  function chart(node) {
    const c = echarts.init(node, null, { renderer: "canvas" });
    charts.push(c);
    return c;
  }
  const AXIS = { color: "#8fb0d9" };
  const GRIDLINE = { lineStyle: { color: "rgba(95,127,168,.22)" } };
  const fontSize = () => Math.max(11, Math.round(window.innerHeight / 1080 * 14));

  // ---- status overlay ----------------------------------------------------------------------
  function showStatus(message, { error = false, detail = "", action = null } = {}) {
    const box = $("status");
    box.hidden = false;
    box.className = "overlay" + (error ? " error" : "");
    box.replaceChildren(error ? el("strong", {}, message) : message);
    if (detail) box.append(el("div", { class: "detail" }, detail));
    if (action) box.append(action);
    body.dataset.state = error ? "error" : "loading";
  }
  function hideStatus() { $("status").hidden = true; }

  async function failure(res) {
    let msg = "";
    try { const j = await res.json(); msg = j.message || j.detail || ""; } catch (_) { /* not JSON */ }
    // Only a Chinese server message is shown to people (FastAPI's own 404 says "Not Found").
    if (typeof msg !== "string" || !/[\u4e00-\u9fff]/.test(msg)) msg = "";
    const retry = el("a", { href: location.pathname + location.search }, "重新加载");
    switch (res.status) {
      case 401:
        return showStatus("登录已过期，请重新登录", { error: true, action: el("a", { href: "/login?next=/wall" }, "去登录") });
      case 403:
        return showStatus("无权查看数据大屏", { error: true, detail: msg || "数据大屏仅向知识产权局用户开放。", action: el("a", { href: "/" }, "返回首页") });
      case 404:
        return showStatus("数据大屏接口暂不可用", { error: true, detail: msg || "接口 /api/v1/wall 返回 404：指标服务尚未部署或所选区域、指标不存在。", action: retry });
      case 400: case 422:
        return showStatus("查询条件有误", { error: true, detail: msg || "请检查区域、年份和指标。", action: el("a", { href: "/wall" }, "恢复默认条件") });
      default:
        return showStatus("数据加载失败（HTTP " + res.status + "）", { error: true, detail: msg || "服务器暂时无法提供数据，请稍后重试。", action: retry });
    }
  }

  // ---- header: breadcrumb and selectors ----------------------------------------------------
  function renderHeader(d) {
    const region = d.region || {};
    $("title-region").textContent = region.name || "";
    document.title = (region.name || "") + "知识产权数据大屏 · 区域知识产权运营公共服务平台";
    const crumbs = [el("a", { href: "/", class: "home", title: "返回平台首页" }, "IPOps")];
    const trail = [PROVINCE];
    if (region.level === "city" || region.level === "county") {
      const cityCode = region.code.slice(0, 4) + "00";
      const city = cities.find((c) => c.code === cityCode);
      if (region.level === "county") trail.push(city || { code: cityCode, name: cityCode });
      trail.push({ code: region.code, name: region.name });
    }
    trail.forEach((r, i) => {
      crumbs.push(el("span", { class: "sep" }, "›"));
      crumbs.push(i === trail.length - 1 ? el("span", { class: "here" }, r.name) : el("a", { href: wallUrl({ region: r.code }) }, r.name));
    });
    $("breadcrumb").replaceChildren(...crumbs);

    const options = [PROVINCE].concat(cities);
    if (!options.some((o) => o.code === region.code)) options.push({ code: region.code, name: region.name });
    fill($("pick-region"), options.map((o) => [o.code, o.code === PROVINCE.code ? o.name + "（全省）" : o.name]), region.code);
    fill($("pick-year"), (d.years || []).map((y) => [String(y), y + "年"]), String(d.year));
    fill($("pick-indicator"), (d.indicators || []).map((i) => [i.id, i.name]), d.indicator && d.indicator.id);
  }
  function fill(select, pairs, current) {
    if (!pairs.length) return;
    select.replaceChildren(...pairs.map(([v, t]) => el("option", { value: v, selected: v === current ? "selected" : null }, t)));
    select.value = current;
  }
  $("pickers").addEventListener("change", (ev) => {
    const t = ev.target;
    if (!(t instanceof HTMLSelectElement)) return;
    location.assign(wallUrl({ [t.name]: t.value }));
  });

  // ---- KPI tiles ---------------------------------------------------------------------------
  function renderTiles(tiles) {
    const n = (tiles || []).length;
    const box = $("tiles");
    box.classList.toggle("many", n > 6);
    box.style.gridTemplateColumns = "repeat(" + Math.max(1, n > 6 ? Math.ceil(n / 2) : n) + ", minmax(0, 1fr))";
    box.replaceChildren(...(tiles || []).map((t) => {
      const has = t.value !== null && t.value !== undefined;
      let yoy = el("span", { class: "yoy" }, "同比 —");
      if (has && typeof t.yoy === "number") {
        const dir = t.yoy > 0 ? "up" : t.yoy < 0 ? "down" : "";
        yoy = el("span", { class: "yoy " + dir }, "同比 " + (t.yoy > 0 ? "▲ " : t.yoy < 0 ? "▼ " : "") + pct(Math.abs(t.yoy)));
      }
      return el("div", { class: "tile", "data-id": t.id },
        el("div", { class: "name", title: t.name }, t.name),
        el("div", { class: "value" },
          has ? link(t.link, "num", fmt(t.value)) : link(t.link, "missing-text", missingText(t)),
          has ? el("span", { class: "unit" }, t.unit || "") : null,
          n > 6 ? yoy : null),
        n > 6 ? null : yoy);
    }));
  }

  // ---- ranking bars (HTML: every row is a link) --------------------------------------------
  function renderBars(list, rows, { ranked = true, empty = "暂无数据" } = {}) {
    if (!rows.length) {
      list.replaceChildren(el("li", { class: "empty" }, empty));
      return;
    }
    const max = Math.max(0, ...rows.map((r) => (typeof r.value === "number" ? r.value : 0)));
    list.replaceChildren(...rows.map((r, i) => {
      const has = typeof r.value === "number";
      const w = has && max > 0 ? Math.max(1, (r.value / max) * 100) : 0;
      const title = r.name + "：" + (has ? fmt(r.value) : missingText(r)) + " · 查看明细";
      return el("li", { class: has ? "" : "missing", "data-code": r.code || r.category || "" },
        link(r.link, "row", ranked ? el("span", { class: "rank" }, has ? i + 1 : "–") : null,
          el("span", { class: "nm", title: title }, r.name),
          el("span", { class: "track" }, el("span", { class: "fill", style: "width:" + w.toFixed(1) + "%" })),
          el("span", { class: "val" }, has ? fmt(r.value) : missingText(r))));
    }));
  }

  // ---- map (province view) -----------------------------------------------------------------
  function renderMap(d, geoOk) {
    const node = $("map-chart");
    const unit = (d.indicator && d.indicator.unit) || "";
    if (!geoOk) {
      node.replaceChildren(el("p", { class: "hint" }, "地图数据缺失：请运行 make setup 生成 /static/vendor/shandong.geo.json（下方排名不受影响）"));
      return;
    }
    const byCode = new Map((d.map || []).map((m) => [m.code, m]));
    const values = (d.map || []).map((m) => m.value).filter((v) => typeof v === "number");
    const min = values.length ? Math.min(...values) : 0;
    const max = values.length ? Math.max(...values) : 1;
    const fs = fontSize();
    const c = chart(node);
    c.setOption({
      tooltip: {
        trigger: "item", backgroundColor: "rgba(6,32,74,.95)", borderColor: "#35a3ff", textStyle: { color: "#e6f1ff" },
        formatter: (p) => {
          const m = byCode.get(p.name);
          const name = (m && m.name) || (cities.find((x) => x.code === p.name) || {}).name || p.name;
          const v = m && typeof m.value === "number" ? fmt(m.value) + " " + unit : (m ? missingText(m) : "无数据");
          return name + "<br>" + v + "<br><span style='color:#8fb0d9'>点击进入该市大屏</span>";
        },
      },
      visualMap: {
        show: values.length > 0, type: "continuous", min: min, max: max === min ? min + 1 : max, calculable: false, orient: "vertical",
        left: 8, bottom: 8, itemHeight: Math.round(window.innerHeight / 1080 * 140), itemWidth: 12,
        text: ["高 " + fmt(max), "低 " + fmt(min)], textStyle: { color: "#8fb0d9", fontSize: fs - 1 },
        inRange: { color: ["#0f3f86", "#1766c4", "#1f9bea", "#49d3ff", "#a8f3ff"] },
        formatter: (v) => fmt(v),
      },
      series: [{
        type: "map", map: "shandong", nameProperty: "code", roam: false, selectedMode: false,
        left: "12%", right: "3%", top: "4%", bottom: "4%", aspectScale: 0.86,
        itemStyle: { areaColor: "#27364f", borderColor: "#7fd8ff", borderWidth: 1, shadowColor: "rgba(0,160,255,.45)", shadowBlur: 12 },
        emphasis: { itemStyle: { areaColor: "#ffc857" }, label: { color: "#0b1b30" } },
        label: {
          show: true, color: "#ffffff", fontSize: fs - 1, lineHeight: fs + 3, textBorderColor: "rgba(3,13,36,.85)", textBorderWidth: 2,
          formatter: (p) => {
            const m = byCode.get(p.name);
            const name = ((m && m.name) || (cities.find((x) => x.code === p.name) || {}).name || "").replace(/市$/, "");
            return name + "\n{v|" + (m && typeof m.value === "number" ? fmt(m.value) : (m ? missingText(m) : "—")) + "}";
          },
          rich: { v: { fontWeight: "bold", color: "#ffe7a3", fontSize: fs } },
        },
        data: cities.map((city) => {
          const m = byCode.get(city.code);
          return { name: city.code, value: m && typeof m.value === "number" ? m.value : NaN };
        }),
      }],
    });
    c.on("click", (p) => {
      if (p.componentType === "series" && /^\d{6}$/.test(p.name)) location.assign(wallUrl({ region: p.name }));
    });
  }

  // ---- gauges ------------------------------------------------------------------------------
  function renderGauges(gauges) {
    const box = $("gauges");
    box.replaceChildren();
    const list = (gauges || []).slice(0, 6);
    box.classList.toggle("six", list.length > 4);
    for (const g of list) {
      const name = g.name || g.indicator_name || "";
      const has = typeof g.value === "number";
      const progress = typeof g.progress === "number" ? g.progress : null;
      const chartNode = el("div", { class: "g-chart" });
      const center = el("div", { class: "g-center" },
        has ? link(g.link, "num", fmt(g.value)) : link(g.link, "missing-text", g.missing || g.status || "暂无数据"),
        el("span", { class: "pct" }, progress !== null ? "完成 " + pct(progress) : (has ? g.unit || "" : "")));
      const state = g.on_track === true ? el("span", { class: "state on" }, "进度正常")
        : g.on_track === false ? el("span", { class: "state off" }, "进度滞后") : null;
      const target = el("div", { class: "g-target" },
        "目标 ", link(g.link, "", fmt(g.target)), " " + (g.unit || "") + (g.by ? "（" + g.by + "年）" : ""), state);
      box.append(el("div", { class: "gauge", "data-id": g.indicator_id, title: g.quote || g.source || null }, chartNode, center, el("div", { class: "g-name" }, name), target));
      const color = g.on_track === false ? "#ffc857" : "#37d0ff";
      chart(chartNode).setOption({
        series: [{
          type: "gauge", startAngle: 215, endAngle: -35, min: 0, max: 100, radius: "92%", center: ["50%", "58%"],
          progress: { show: true, width: 10, roundCap: true, itemStyle: { color: { type: "linear", x: 0, y: 0, x2: 1, y2: 0,
            colorStops: [{ offset: 0, color: "#1262d6" }, { offset: 1, color: color }] } } },
          axisLine: { roundCap: true, lineStyle: { width: 10, color: [[1, "rgba(95,127,168,.25)"]] } },
          axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false }, pointer: { show: false },
          anchor: { show: false }, title: { show: false }, detail: { show: false },
          data: [{ value: progress !== null ? Math.min(100, Math.max(0, progress * 100)) : 0 }],
        }],
      });
    }
  }

  // ---- trend -------------------------------------------------------------------------------
  function renderTrend(trend) {
    const years = (trend && trend.years) || [];
    const series = (trend && trend.series) || [];
    const units = [...new Set(series.map((s) => s.unit || ""))].slice(0, 2);
    $("trend-unit").textContent = units.filter(Boolean).join(" / ");
    const fs = fontSize();
    const palette = ["#37d0ff", "#ffc857", "#3ee0a0", "#c58bff", "#ff8f6b"];
    const c = chart($("trend-chart"));
    c.setOption({
      color: palette,
      legend: { top: 0, textStyle: { color: "#c9dcf5", fontSize: fs - 1 }, itemWidth: 14, itemHeight: 8, icon: "roundRect" },
      tooltip: { trigger: "axis", backgroundColor: "rgba(6,32,74,.95)", borderColor: "#35a3ff", textStyle: { color: "#e6f1ff" },
        valueFormatter: (v) => (v === null || v === undefined ? "无数据" : fmt(v)) },
      grid: { left: 8, right: 16, top: fs * 3, bottom: 4, containLabel: true },
      xAxis: { type: "category", data: years.map(String), axisLabel: { color: AXIS.color, fontSize: fs - 1 },
        axisLine: { lineStyle: { color: "#2c5a96" } }, axisTick: { show: false } },
      yAxis: units.map((u, i) => ({ type: "value", name: units.length > 1 ? u : "", nameTextStyle: { color: AXIS.color, fontSize: fs - 2 },
        axisLabel: { color: AXIS.color, fontSize: fs - 2, formatter: compact }, splitLine: i === 0 ? GRIDLINE : { show: false } })),
      series: series.map((s) => ({
        name: s.name, type: "line", smooth: true, symbol: "circle", symbolSize: 6, connectNulls: false,
        yAxisIndex: Math.max(0, units.indexOf(s.unit || "")),
        data: (s.values || []).map((v) => (v === null || v === undefined ? null : v)),
        label: { show: true, position: "top", color: "#e6f1ff", fontSize: fs - 3, formatter: (p) => compact(p.value) },
        labelLayout: { hideOverlap: true },
        lineStyle: { width: 2 }, areaStyle: { opacity: 0.08 },
      })),
    });
    // Optional per-point links (series[i].links[j]) open the records behind a point.
    c.on("click", (p) => {
      const s = series[p.seriesIndex];
      const h = s && Array.isArray(s.links) ? safeHref(s.links[p.dataIndex]) : null;
      if (h) location.assign(h);
    });
  }

  // ---- notes -------------------------------------------------------------------------------
  function renderNotes(d) {
    $("notes").replaceChildren(...(d.notes || []).map((n) => el("li", { class: /模拟|样例|示例|演示/.test(n) ? "sample" : "" }, n)));
    $("stamp").textContent = (d.year ? "统计年度 " + d.year + " · " : "") + "刷新于 " + new Date().toLocaleString("zh-CN", { hour12: false });
  }

  // ---- main --------------------------------------------------------------------------------
  function render(d, geoOk) {
    const level = (d.region && d.region.level) || "province";
    body.classList.remove("level-province", "level-city", "level-county");
    body.classList.add("level-" + level);
    const ind = d.indicator || {};
    renderHeader(d);
    renderTiles(d.tiles);
    const unitNote = ind.unit ? "单位：" + ind.unit : "";
    $("ranking-title").textContent = "地市排名";
    $("ranking-unit").textContent = unitNote;
    const own = $("map-unit");
    own.replaceChildren(unitNote);
    if (ind.link || "value" in ind) {
      own.append(" · " + ((d.region && d.region.name) || "") + " ",
        typeof ind.value === "number" ? link(ind.link, "own", fmt(ind.value)) : link(ind.link, "own missing-text", missingText(ind)));
    }
    if (level === "province") {
      $("map-title").textContent = "各市分布 · " + (ind.name || "");
      $("map-hint").textContent = "点击地市进入该市大屏 · 点击数值查看明细记录";
      renderBars($("ranking"), d.ranking || []);
      renderMap(d, geoOk);
    } else {
      $("map-title").textContent = "区县排名 · " + (ind.name || "");
      $("map-hint").textContent = "点击区县或数值查看明细记录 · 返回全省请点左上角“山东省”";
      $("county-ranking").hidden = false;
      renderBars($("county-ranking"), d.ranking || d.map || []);
    }
    renderBars($("hv-list"), d.high_value || [], { ranked: false, empty: "暂无高价值发明专利（所选年度与区域）" });
    renderGauges(d.gauges);
    renderTrend(d.trend);
    renderNotes(d);
  }

  async function loadGeo() {
    try {
      const res = await fetch(GEO_URL, { credentials: "same-origin" });
      if (!res.ok) return false;
      const geo = await res.json();
      echarts.registerMap("shandong", geo);
      cities = geo.features.map((f) => ({ code: String(f.properties.code || f.id), name: f.properties.name }))
        .sort((a, b) => a.code.localeCompare(b.code));
      return true;
    } catch (_) {
      return false;
    }
  }

  async function main() {
    if (typeof window.echarts === "undefined") {
      showStatus("图表组件未加载", { error: true, detail: "缺少 /static/vendor/echarts.min.js：请在服务器上运行 make setup（从 npm 安装前端资源）后刷新。" });
      return;
    }
    showStatus("正在加载数据…");
    const geoOk = await loadGeo();
    let res;
    try {
      res = await fetch(apiUrl(), { credentials: "same-origin", headers: { Accept: "application/json" } });
    } catch (_) {
      showStatus("无法连接服务器", { error: true, detail: "请检查网络连接后重试。", action: el("a", { href: location.pathname + location.search }, "重新加载") });
      return;
    }
    if (!res.ok) return failure(res);
    let data;
    try {
      data = await res.json();
    } catch (_) {
      showStatus("数据格式错误", { error: true, detail: "接口返回的不是有效的 JSON。" });
      return;
    }
    try {
      render(data, geoOk);
    } catch (err) {
      showStatus("页面渲染出错", { error: true, detail: String(err && err.message ? err.message : err) });
      return;
    }
    hideStatus();
    body.dataset.state = "ready";
  }

  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => charts.forEach((c) => c.resize()), 120);
  });
  main();
})();
