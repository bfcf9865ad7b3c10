/* Tacitus map and timeline: plain JS + SVG, no CDN, no tile server unless one is configured.
   Points are incidents (or events when nothing is linked yet), sized by fatalities and coloured by type;
   the panel lists every claim of the selected point with its source, modality and evidence sentence. */
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const WORLD = 256; // Web Mercator world size in map units (the tile convention)
  const TYPES = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d",
  };
  const OTHER = "#34495e";
  const state = { config: null, mode: "incidents", items: [], buckets: [], view: null, selected: null };
  const $ = (id) => document.getElementById(id);
  const map = $("map");

  function el(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function html(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function project(lon, lat) {
    const clamped = Math.max(-85, Math.min(85, lat)) * Math.PI / 180;
    const x = (lon + 180) / 360 * WORLD;
    const y = (1 - Math.log(Math.tan(clamped) + 1 / Math.cos(clamped)) / Math.PI) / 2 * WORLD;
    return [x, y];
  }
  async function getJSON(url) {
    const response = await fetch(url, { headers: { "Accept": "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
    return body;
  }

  // ----------------------------------------------------------------------------------- base layer
  function ringPath(ring) {
    let d = "";
    let last = null;
    for (const [lon, lat] of ring) {
      const [x, y] = project(lon, lat);
      // break lines that wrap around the antimeridian instead of drawing them across the map
      d += (last !== null && Math.abs(lon - last) > 180 ? "M" : (d ? "L" : "M")) + x.toFixed(2) + "," + y.toFixed(2);
      last = lon;
    }
    return d + "Z";
  }
  async function drawCountries() {
    const topology = await getJSON("/static/vendor/countries-50m.json");
    const countries = topojson.feature(topology, topology.objects.countries);
    const group = $("countries");
    for (const feature of countries.features) {
      const geometry = feature.geometry;
      if (!geometry) continue;
      const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
      const d = polygons.map((rings) => rings.map(ringPath).join("")).join("");
      const path = el("path", { d: d });
      path.appendChild(el("title", {}, feature.properties.name || ""));
      group.appendChild(path);
    }
  }
  function drawTiles() {
    const group = $("tiles");
    group.replaceChildren();
    const template = state.config && state.config.tile_url;
    if (!template || !state.view) return;
    const v = state.view;
    const pxPerUnit = map.clientWidth / v.w;
    const z = Math.max(0, Math.min(18, Math.round(Math.log2(pxPerUnit))));
    const n = 2 ** z, size = WORLD / n;
    const x0 = Math.max(0, Math.floor(v.x / size)), x1 = Math.min(n - 1, Math.floor((v.x + v.w) / size));
    const y0 = Math.max(0, Math.floor(v.y / size)), y1 = Math.min(n - 1, Math.floor((v.y + v.h) / size));
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 64) return;
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const href = template.replace("{z}", z).replace("{x}", x).replace("{y}", y).replace("{s}", "a");
        group.appendChild(el("image", { href: href, x: x * size, y: y * size, width: size, height: size }));
      }
    }
  }

  // ----------------------------------------------------------------------------------- view
  function setView(v) {
    state.view = v;
    map.setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
    const unit = v.w / Math.max(1, map.clientWidth);
    for (const c of $("points").children) sizeCircle(c, unit);
    drawTiles();
  }
  function sizeCircle(c, unit) {
    // radius and outline in screen pixels whatever the zoom (map units per pixel = unit)
    c.setAttribute("r", c.dataset.px * unit);
    c.setAttribute("stroke-width", (c.classList.contains("selected") ? 2.5 : 1) * unit);
  }
  function fitView(items) {
    const placed = items.filter((i) => i.xy);
    let [minX, minY, maxX, maxY] = [0, 0, WORLD, WORLD];
    if (placed.length) {
      minX = Math.min(...placed.map((i) => i.xy[0])); maxX = Math.max(...placed.map((i) => i.xy[0]));
      minY = Math.min(...placed.map((i) => i.xy[1])); maxY = Math.max(...placed.map((i) => i.xy[1]));
      const pad = Math.max(2, (maxX - minX) * 0.3, (maxY - minY) * 0.3);
      minX -= pad; maxX += pad; minY -= pad; maxY += pad;
    }
    const aspect = map.clientWidth / Math.max(1, map.clientHeight);
    let w = maxX - minX, h = maxY - minY;
    if (w / h < aspect) { const nw = h * aspect; minX -= (nw - w) / 2; w = nw; } else { const nh = w / aspect; minY -= (nh - h) / 2; h = nh; }
    setView({ x: minX, y: minY, w: w, h: h });
  }
  function enablePanZoom() {
    let drag = null;
    map.addEventListener("wheel", (e) => {
      e.preventDefault();
      const v = state.view, box = map.getBoundingClientRect();
      const fx = (e.clientX - box.left) / box.width, fy = (e.clientY - box.top) / box.height;
      const k = e.deltaY > 0 ? 1.25 : 0.8;
      const w = Math.min(WORLD * 2, Math.max(0.05, v.w * k)), h = v.h * (w / v.w);
      setView({ x: v.x + (v.w - w) * fx, y: v.y + (v.h - h) * fy, w: w, h: h });
    }, { passive: false });
    map.addEventListener("pointerdown", (e) => {
      if (e.target.tagName === "circle") return;
      drag = { x: e.clientX, y: e.clientY, view: state.view };
      map.classList.add("dragging");
    });
    window.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const k = drag.view.w / map.clientWidth;
      setView({ ...drag.view, x: drag.view.x - (e.clientX - drag.x) * k, y: drag.view.y - (e.clientY - drag.y) * k });
    });
    window.addEventListener("pointerup", () => { drag = null; map.classList.remove("dragging"); });
  }

  // ----------------------------------------------------------------------------------- data
  function filterParams() {
    const params = new URLSearchParams();
    const form = new FormData($("filters"));
    for (const [k, v] of form.entries()) {
      if (!v || (k === "min_sources" && (state.mode !== "incidents" || v === "0"))) continue;
      params.set(k, v);
    }
    return params;
  }
  function toItem(row) {
    if (state.mode === "incidents") {
      const i = row.incident;
      return {
        id: row.id, type: i.type, place: i.place, date: i.date && i.date.start,
        killed: i.killed && i.killed.best, sources: i.sources, label: i.place ? i.place.name : i.id,
      };
    }
    const e = row.event;
    return {
      id: row.ref, type: e.type, place: e.place, date: e.date && e.date.start,
      killed: e.fatalities && e.fatalities.best, label: (e.place ? e.place.name + ": " : "") + e.sub_type,
    };
  }
  async function load() {
    $("status").textContent = "loading…";
    const params = filterParams();
    params.set("limit", String(state.config.max_limit));
    const rows = [];
    let offset = 0;
    while (offset !== null && rows.length < 20000) {
      params.set("offset", String(offset));
      const page = await getJSON(`/api/${state.mode}?${params}`);
      rows.push(...page.items);
      offset = page.next_offset;
    }
    state.items = rows.map(toItem).map((i) => ({
      ...i,
      xy: i.place && i.place.lat !== null && i.place.lon !== null ? project(i.place.lon, i.place.lat) : null,
      dated: i.date && !i.date.startsWith("--") ? i.date.slice(0, 10) : null,
    }));
    buildTimeline();
    drawPoints();
    if (!state.view || state.firstLoad) { fitView(state.items); state.firstLoad = false; }
  }

  // ----------------------------------------------------------------------------------- points
  function inWindow(item) {
    if (!state.buckets.length || !item.dated) return true;
    const lo = state.buckets[Number($("t-start").value)], hi = state.buckets[Number($("t-end").value)];
    return item.dated >= lo.start && item.dated <= hi.end;
  }
  function drawPoints() {
    const group = $("points");
    group.replaceChildren();
    const shown = state.items.filter((i) => i.xy && inWindow(i)).sort((a, b) => (b.killed || 0) - (a.killed || 0));
    const unit = state.view ? state.view.w / Math.max(1, map.clientWidth) : 1;
    for (const item of shown) {
      const px = 4 + 3 * Math.sqrt(item.killed || 0);
      const c = el("circle", { cx: item.xy[0], cy: item.xy[1], fill: TYPES[item.type] || OTHER });
      c.dataset.px = px;
      sizeCircle(c, unit);
      c.dataset.id = item.id;
      c.setAttribute("tabindex", "0");
      c.appendChild(el("title", {}, `${item.label} (${item.date || "undated"}): ${item.type || "unknown type"}, killed ${item.killed ?? "?"}`));
      c.addEventListener("click", () => select(item.id, c));
      c.addEventListener("keydown", (e) => { if (e.key === "Enter") select(item.id, c); });
      group.appendChild(c);
    }
    const unplaced = state.items.filter((i) => !i.xy).length;
    const noun = state.mode === "incidents" ? "incidents" : "events";
    $("status").textContent = `${shown.length} ${noun} shown of ${state.items.length}` + (unplaced ? ` (${unplaced} without coordinates)` : "");
    map.dataset.count = String(shown.length);
  }
  function drawLegend() {
    const legend = $("legend");
    legend.replaceChildren(html("div", "", "Size: killed · colour: type"));
    for (const [name, colour] of Object.entries(TYPES)) {
      const row = html("div");
      const dot = html("span");
      dot.style.background = colour;
      row.append(dot, document.createTextNode(name));
      legend.appendChild(row);
    }
  }

  // ----------------------------------------------------------------------------------- timeline
  function addDays(day, n) { const d = new Date(day + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }
  function buildTimeline() {
    const days = state.items.map((i) => i.dated).filter(Boolean).sort();
    const buckets = [];
    if (days.length) {
      const first = days[0], last = days[days.length - 1];
      const span = (Date.parse(last) - Date.parse(first)) / 86400000;
      if (span <= 120) {
        for (let d = first; d <= last; d = addDays(d, 1)) buckets.push({ start: d, end: d, label: d, n: 0 });
      } else {
        let [y, m] = first.slice(0, 7).split("-").map(Number);
        while (`${y}-${String(m).padStart(2, "0")}` <= last.slice(0, 7)) {
          const key = `${y}-${String(m).padStart(2, "0")}`;
          buckets.push({ start: key + "-01", end: key + "-31", label: key, n: 0 });
          m += 1; if (m > 12) { m = 1; y += 1; }
        }
      }
      for (const day of days) { const b = buckets.find((x) => day >= x.start && day <= x.end); if (b) b.n += 1; }
    }
    state.buckets = buckets;
    for (const id of ["t-start", "t-end"]) $(id).max = String(Math.max(0, buckets.length - 1));
    $("t-start").value = "0";
    $("t-end").value = String(Math.max(0, buckets.length - 1));
    drawHistogram();
  }
  function drawHistogram() {
    const svg = $("histogram");
    svg.replaceChildren();
    const b = state.buckets;
    const width = svg.clientWidth || 600, height = 64;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    if (!b.length) { svg.appendChild(el("text", { x: 4, y: 30 }, "no dated records")); $("t-label").textContent = ""; return; }
    const top = Math.max(...b.map((x) => x.n)), w = width / b.length;
    const lo = Number($("t-start").value), hi = Number($("t-end").value);
    b.forEach((x, i) => {
      const h = x.n ? Math.max(2, (x.n / top) * (height - 4)) : 0;
      const rect = el("rect", { x: i * w + 0.5, y: height - h, width: Math.max(1, w - 1), height: h, class: i >= lo && i <= hi ? "in" : "" });
      rect.appendChild(el("title", {}, `${x.label}: ${x.n}`));
      svg.appendChild(rect);
    });
    $("t-label").textContent = `${b[lo].label} … ${b[hi].label}`;
  }
  function onSlide(e) {
    const s = $("t-start"), t = $("t-end");
    if (Number(s.value) > Number(t.value)) { if (e.target === s) t.value = s.value; else s.value = t.value; }
    drawHistogram();
    drawPoints();
  }

  // ----------------------------------------------------------------------------------- panel
  function figure(f) {
    if (!f || f.best === null || f.best === undefined) return "–";
    return f.min !== null && f.max !== null && f.min !== f.max ? `${f.min}–${f.max} (best ${f.best})` : String(f.best);
  }
  function claimItem(c) {
    const li = html("li", "claim");
    const value = c.claim || c.machine;
    const head = html("div");
    head.append(html("span", "badge " + value.modality, value.modality), html("strong", "", `${value.kind}: ${value.quantity_text || value.best}`));
    li.appendChild(head);
    const s = c.source;
    const who = [s.speaker, s.role, s.organization].filter(Boolean).join(", ") || "the reporter";
    li.appendChild(html("div", "meta", `source: ${who} [${s.type}]`));
    li.appendChild(html("div", "meta", `${c.outlet || "unknown outlet"}${c.published ? ", " + c.published : ""}: ${c.title || c.document}`));
    if (c.review) li.appendChild(html("div", "review", `review: ${c.review.status}${c.review.machine_changed ? " (machine value changed since)" : ""}`));
    const quote = html("blockquote");
    quote.append(document.createTextNode(c.context.before), html("mark", "evidence", value.evidence.text), document.createTextNode(c.context.after));
    li.appendChild(quote);
    return li;
  }
  async function select(id, circle) {
    for (const c of $("points").children) c.classList.toggle("selected", c === circle);
    if (state.view) setView(state.view);
    const panel = $("panel");
    panel.replaceChildren(html("p", "hint", "loading…"));
    try {
      const detail = await getJSON(`/api/${state.mode}/${encodeURIComponent(id)}`);
      panel.replaceChildren();
      if (state.mode === "incidents") {
        const i = detail.incident;
        panel.appendChild(html("h2", "", `${i.type || "Unknown type"}${i.sub_type ? " / " + i.sub_type : ""}`));
        panel.appendChild(html("p", "meta", `${i.place ? i.place.name : "unplaced"} · ${i.date ? i.date.start : "undated"} · ${detail.origin}`));
        panel.appendChild(html("p", "meta", `killed ${figure(i.killed)} · injured ${figure(i.injured)} · ${i.sources} independent source(s) · ${i.grading}`));
        for (const conflict of i.conflicts) panel.appendChild(html("p", "meta", `conflict on ${conflict.field}: ${conflict.values.join("; ")}`));
      } else {
        const e = detail.event;
        panel.appendChild(html("h2", "", `${e.type} / ${e.sub_type}`));
        panel.appendChild(html("p", "meta", `${e.place ? e.place.name : "unplaced"} · ${e.date ? e.date.start : "undated"} · ${e.modality}`));
        const quote = html("blockquote");
        quote.append(document.createTextNode(detail.context.before), html("mark", "evidence", e.evidence.text), document.createTextNode(detail.context.after));
        panel.appendChild(quote);
      }
      panel.appendChild(html("h3", "", `${detail.claims.length} claim(s)`));
      const list = html("ul", "claims");
      for (const c of detail.claims) list.appendChild(claimItem(c));
      panel.appendChild(list);
    } catch (err) {
      panel.replaceChildren(html("p", "hint", `could not load: ${err.message}`));
    }
  }

  // ----------------------------------------------------------------------------------- start
  async function start() {
    const typeSelect = $("f-type");
    for (const name of Object.keys(TYPES)) { const o = html("option", "", name); o.value = name; typeSelect.appendChild(o); }
    drawLegend();
    enablePanZoom();
    $("filters").addEventListener("submit", (e) => { e.preventDefault(); load().catch(fail); });
    $("filters").addEventListener("reset", () => setTimeout(() => load().catch(fail), 0));
    $("t-start").addEventListener("input", onSlide);
    $("t-end").addEventListener("input", onSlide);
    window.addEventListener("resize", () => { if (state.view) setView(state.view); drawHistogram(); });
    state.config = await getJSON("/api/config");
    state.mode = state.config.has_incidents ? "incidents" : "events";
    if (state.mode !== "incidents") $("sources-label").hidden = true;
    state.firstLoad = true;
    await Promise.all([drawCountries().catch((err) => console.warn("no outlines:", err)), load()]);
    document.body.dataset.ready = "1";
  }
  function fail(err) { $("status").textContent = `error: ${err.message}`; }
  start().catch(fail);
})();
