// The dashboard: polls /admin/api/stats every 2 s and draws this node's last five minutes with uPlot; the usage table
// reads /admin/api/usage for today (UTC). Everything it shows is exposed as window.dashboard for the browser tests.
"use strict";

const dashboard = (() => {
  const pollMilliseconds = 2000;
  const tierColours = { "hit-l1": "#1a7f37", "hit-disk": "#2da44e", "hit-l2": "#0b6bcb", miss: "#bf8700", stale: "#8250df", none: "#8c959f", other: "#57606a" };
  const charts = {};
  const state = { stats: null, usage: null, polls: 0, failures: 0 };

  const $ = (id) => document.getElementById(id);

  function number(n, digits) {
    if (n === null || n === undefined) {
      return "–";
    }
    return n.toLocaleString("en", { maximumFractionDigits: digits === undefined ? 0 : digits });
  }

  function bytes(n) {
    if (!n) {
      return "0 B";
    }
    const units = ["B", "KB", "MB", "GB", "TB"];
    const power = Math.min(units.length - 1, Math.floor(Math.log(Math.abs(n)) / Math.log(1024)));
    const scaled = n / Math.pow(1024, power);
    return number(scaled, power === 0 || scaled >= 100 ? 0 : 1) + " " + units[power];
  }

  function ago(iso, now) {
    if (!iso) {
      return "never";
    }
    const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 1000));
    return seconds < 90 ? seconds + " s ago" : seconds < 5400 ? Math.round(seconds / 60) + " min ago" : Math.round(seconds / 3600) + " h ago";
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    return td;
  }

  function chart(id, series, yLabel) {
    const element = $(id);
    const options = {
      width: Math.max(300, element.clientWidth),
      height: 200,
      series: [{}].concat(series.map((s) => ({
        label: s.label,
        stroke: s.colour,
        width: 1.5,
        fill: s.fill ? s.colour + "22" : undefined,
        // Latency has gaps where nothing ran: a lone interval is drawn as a point.
        points: s.dots ? { show: true, size: 5, fill: s.colour } : undefined,
        value: s.format,
      }))),
      axes: [{}, { label: yLabel, size: 72, values: (u, ticks) => ticks.map(series[0].axis || ((v) => number(v, 1))) }],
      scales: { y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    };
    const empty = [[]].concat(series.map(() => []));
    charts[id] = new uPlot(options, empty, element);
  }

  function build() {
    chart("chart-tiers", Object.keys(tierColours).map((tier) => ({ label: tier, colour: tierColours[tier], format: (u, v) => (v === null ? "–" : number(v, 1) + "/s") })), "req/s");
    chart("chart-latency", [
      { label: "p50", colour: "#1a7f37", dots: true, format: (u, v) => (v === null ? "–" : number(v, 1) + " ms") },
      { label: "p95", colour: "#bf8700", dots: true, format: (u, v) => (v === null ? "–" : number(v, 1) + " ms") },
      { label: "p99", colour: "#cf222e", dots: true, format: (u, v) => (v === null ? "–" : number(v, 1) + " ms") },
    ], "ms");
    chart("chart-saved", [{ label: "saved", colour: "#0b6bcb", fill: true, axis: bytes, format: (u, v) => (v === null ? "–" : bytes(v) + "/s") }], "per s");
    chart("chart-errors", [
      { label: "4xx", colour: "#bf8700", format: (u, v) => (v === null ? "–" : number(v, 1) + "/s") },
      { label: "5xx", colour: "#cf222e", format: (u, v) => (v === null ? "–" : number(v, 1) + "/s") },
    ], "req/s");
    const resize = new ResizeObserver(() => {
      for (const id of Object.keys(charts)) {
        charts[id].setSize({ width: Math.max(300, $(id).clientWidth), height: 200 });
      }
    });
    for (const id of Object.keys(charts)) {
      resize.observe($(id));
    }
  }

  function draw(stats) {
    const s = stats.series;
    charts["chart-tiers"].setData([s.time].concat(Object.keys(tierColours).map((tier) => s.tiers[tier])));
    charts["chart-latency"].setData([s.time, s.transformP50, s.transformP95, s.transformP99]);
    charts["chart-saved"].setData([s.time, s.bytesSaved]);
    charts["chart-errors"].setData([s.time, s.status["4xx"], s.status["5xx"]]);
    // The legends show the last complete interval until the pointer picks another.
    for (const id of Object.keys(charts)) {
      if (charts[id].cursor.left < 0) {
        charts[id].setLegend({ idx: s.time.length - 1 });
      }
    }

    const t = stats.totals;
    const hits = t.tiers["hit-l1"] + t.tiers["hit-disk"] + t.tiers["hit-l2"];
    const cacheable = hits + t.tiers.miss + t.tiers.stale;
    $("fig-requests").textContent = number(t.responses);
    $("fig-hits").textContent = cacheable ? number((100 * hits) / cacheable, 1) + "%" : "–";
    $("fig-p95").textContent = t.transformP95 === null ? "–" : number(t.transformP95, 1) + " ms";
    $("fig-transforms").textContent = t.transforms ? number(t.transforms) + " transforms, p99 " + number(t.transformP99, 1) + " ms" : "no transforms";
    $("fig-saved").textContent = bytes(t.bytesSaved);
    $("fig-errors").textContent = number(t.status["4xx"] + t.status["5xx"]);
    const codes = t.topCodes.filter((c) => c.status >= 400).map((c) => c.status + " × " + number(c.count));
    $("fig-codes").textContent = codes.length ? codes.join(", ") : "4xx and 5xx";
    health(stats);
    slowest(stats);
  }

  function health(stats) {
    const redis = stats.redis;
    const dot = $("redis-dot");
    dot.className = "dot " + (redis.state === "not-configured" ? "" : redis.state !== "connected" || redis.breaker === "open" ? "bad" : redis.breaker === "closed" ? "ok" : "warn");
    $("redis-state").textContent = redis.state === "not-configured"
      ? "not configured (this node runs alone)"
      : redis.state + ", breaker " + redis.breaker + (redis.errors ? ", " + number(redis.errors) + " errors in 5 min" : ", no errors in 5 min");

    const body = $("origins").tBodies[0];
    body.replaceChildren();
    for (const origin of stats.origins) {
      const row = body.insertRow();
      const name = cell(row, "");
      const mark = document.createElement("span");
      mark.className = "dot " + (!origin.probe ? "" : origin.probe.reachable ? "ok" : "bad");
      name.append(mark, " " + origin.source);
      cell(row, !origin.probe ? "probing…" : origin.probe.reachable ? "reachable" : "unreachable");
      cell(row, origin.probe ? ago(origin.probe.lastOkAt, stats.now) : "–");
      cell(row, origin.probe && origin.probe.lastErrorAt ? ago(origin.probe.lastErrorAt, stats.now) + ": " + origin.probe.lastError : "none");
      cell(row, number(origin.reads), "num");
      cell(row, origin.p95Milliseconds === null ? "–" : number(origin.p95Milliseconds, 1) + " ms", "num");
    }
  }

  function slowest(stats) {
    const table = $("slowest-table");
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const item of stats.slowest) {
      const row = body.insertRow();
      cell(row, number(item.milliseconds, 1), "num");
      cell(row, ago(item.at, stats.now));
      const link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.url;
      link.title = item.url;
      link.target = "_blank";
      link.rel = "noopener";
      cell(row, "", "url").append(link);
    }
    table.hidden = stats.slowest.length === 0;
    $("slowest-note").hidden = stats.slowest.length !== 0;
  }

  const usageFields = ["requests", "variants", "transformMilliseconds", "ffmpegSeconds", "originBytes", "bytesOut", "bytesSaved", "hitL1", "hitDisk", "hitL2", "miss", "stale", "rateLimited"];

  async function usage() {
    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const query = "?from=" + encodeURIComponent(from.toISOString()) + "&to=" + encodeURIComponent(now.toISOString());
    const response = await AdminKey.api("/admin/api/usage" + query);
    const note = $("usage-note");
    const table = $("usage-table");
    if (!response.ok) {
      state.usage = null;
      note.textContent = response.status === 404 ? "Usage not available on this node." : "Usage could not be read (" + response.status + ").";
      note.hidden = false;
      table.hidden = true;
      return;
    }
    const answer = await response.json();
    const sums = new Map();
    for (const record of answer.records || []) {
      const sum = sums.get(record.source) || Object.fromEntries(usageFields.map((f) => [f, 0]));
      for (const field of usageFields) {
        sum[field] += record[field] || 0;
      }
      sums.set(record.source, sum);
    }
    state.usage = Object.fromEntries(sums);
    $("usage-range").textContent = "(" + from.toISOString().slice(0, 10) + ", UTC)";
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const source of [...sums.keys()].sort()) {
      const u = sums.get(source);
      const row = body.insertRow();
      const hits = u.hitL1 + u.hitDisk + u.hitL2;
      const cacheable = hits + u.miss + u.stale;
      cell(row, source);
      cell(row, number(u.requests), "num");
      cell(row, cacheable ? number((100 * hits) / cacheable, 1) + "%" : "–", "num");
      cell(row, number(u.variants), "num");
      cell(row, number(u.transformMilliseconds / 1000, 1), "num");
      cell(row, number(u.ffmpegSeconds, 1), "num");
      cell(row, bytes(u.originBytes), "num");
      cell(row, bytes(u.bytesOut), "num");
      cell(row, bytes(u.bytesSaved), "num");
      cell(row, number(u.rateLimited), "num");
    }
    note.textContent = "No requests today.";
    note.hidden = sums.size !== 0;
    table.hidden = sums.size === 0;
  }

  async function poll() {
    try {
      const response = await AdminKey.api("/admin/api/stats");
      if (!response.ok) {
        throw new Error("the node answered " + response.status);
      }
      state.stats = await response.json();
      state.polls++;
      draw(state.stats);
      // The usage table changes by the hour: every 15th poll (30 s) is enough.
      if (state.polls % 15 === 1) {
        await usage();
      }
      $("status").textContent = "Updated " + new Date(state.stats.now).toLocaleTimeString("en-GB", { timeZone: "UTC" }) + " UTC · polling every 2 s";
      $("status").classList.remove("stale");
    } catch (error) {
      state.failures++;
      $("status").textContent = "Not updated: " + error.message;
      $("status").classList.add("stale");
    } finally {
      setTimeout(poll, pollMilliseconds);
    }
  }

  // For the browser tests and the curious: the last answers, and how many points each chart holds above zero.
  function points() {
    const counts = {};
    for (const id of Object.keys(charts)) {
      counts[id] = charts[id].data.slice(1).map((values) => values.filter((v) => v !== null && v > 0).length);
    }
    return counts;
  }

  AdminKey.ready().then(() => {
    build();
    poll();
  });

  return { state, charts, points };
})();
