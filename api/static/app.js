// The UI: question browser, SPARQL editor and graph view, over the same HTTP API
// any client uses (/api/questions, /sparql). No framework, no build step.
"use strict";

const $ = (selector) => document.querySelector(selector);

function cell(value) {
  const td = document.createElement("td");
  if (/^https:\/\/w3id\.org\/statecraft\/(id|doc)\//.test(value)) {
    const a = document.createElement("a");
    a.href = value.replace("https://w3id.org/statecraft", "").replace(/#.*$/, "");
    a.textContent = value.replace(/^https:\/\/w3id\.org\/statecraft\/(id|doc)\//, "$1:");
    td.appendChild(a);
  } else {
    td.textContent = value;
  }
  return td;
}

function renderTable(target, columns, rows) {
  target.innerHTML = "";
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const c of columns) { const th = document.createElement("th"); th.textContent = c; head.appendChild(th); }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const c of columns) tr.appendChild(cell(row[c] ?? ""));
  }
  const count = document.createElement("p");
  count.className = "hint";
  count.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"}`;
  target.append(count, table);
}

function renderError(target, response, body) {
  target.innerHTML = "";
  const p = document.createElement("p");
  p.className = "error";
  p.textContent = `${response.status}: ${body.detail || body.error || response.statusText}`;
  target.appendChild(p);
}

// --- questions ---------------------------------------------------------------------------
let questions = {};

function questionUrl(format) {
  const id = $("#question").value;
  const params = new URLSearchParams();
  for (const input of document.querySelectorAll("#parameters input")) {
    if (input.value.trim()) params.set(input.name, input.value.trim());
  }
  if (format) params.set("format", format);
  const query = params.toString();
  return `/api/questions/${encodeURIComponent(id)}${query ? "?" + query : ""}`;
}

function showParameters() {
  const q = questions[$("#question").value];
  $("#question-description").textContent = q ? (q.description || q.title) : "";
  const box = $("#parameters");
  box.innerHTML = "";
  for (const p of (q ? q.parameters : [])) {
    const label = document.createElement("label");
    label.textContent = `${p.name}${p.required ? " (required)" : ""} `;
    const input = document.createElement("input");
    input.name = p.name;
    input.placeholder = p.example || p.description || "";
    input.required = p.required;
    label.appendChild(input);
    box.appendChild(label);
  }
  updateLinks();
}

function updateLinks() {
  $("#question-csv").href = questionUrl("csv");
  $("#question-json").href = questionUrl("json");
}

async function ask(event) {
  event.preventDefault();
  const target = $("#question-result");
  target.textContent = "…";
  const response = await fetch(questionUrl(), { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) return renderError(target, response, body);
  renderTable(target, body.columns, body.rows);
}

// --- SPARQL ------------------------------------------------------------------------------
async function runSparql(event) {
  event.preventDefault();
  const target = $("#sparql-result");
  target.textContent = "…";
  const response = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json, text/turtle;q=0.9" },
    body: $("#sparql-query").value,
  });
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok) return renderError(target, response, await response.json().catch(() => ({})));
  if (type.includes("sparql-results+json")) {
    const body = await response.json();
    if ("boolean" in body) { target.textContent = String(body.boolean); return; }
    const rows = body.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
    renderTable(target, body.head.vars, rows);
  } else {
    const pre = document.createElement("pre");
    pre.textContent = await response.text();
    target.innerHTML = "";
    target.appendChild(pre);
  }
}

// --- graph view: a small force-directed layout in SVG ------------------------------------
const GRAPH_QUERY = `PREFIX sc: <https://w3id.org/statecraft/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?a ?aLabel ?b ?bLabel ?kind WHERE {
  { ?a sc:cooperatesWith ?b BIND("cooperation" AS ?kind) }
  UNION { ?a sc:inTensionWith ?b BIND("tension" AS ?kind) }
  UNION { ?a sc:agencyOf ?b BIND("agency" AS ?kind)
          FILTER EXISTS { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?a } }
  FILTER(STR(?a) < STR(?b) || ?kind = "agency")
  OPTIONAL { ?a rdfs:label ?aLabel } OPTIONAL { ?b rdfs:label ?bLabel }
} LIMIT 400`;

async function drawGraph() {
  const svg = $("#graph-view");
  const response = await fetch("/sparql?query=" + encodeURIComponent(GRAPH_QUERY),
                               { headers: { Accept: "application/sparql-results+json" } });
  if (!response.ok) return;
  const rows = (await response.json()).results.bindings;
  const nodes = new Map();
  const node = (iri, label) => {
    if (!nodes.has(iri)) nodes.set(iri, { iri, label: label || iri.split("/").pop(), x: 450 + Math.random() * 200 - 100, y: 280 + Math.random() * 200 - 100, vx: 0, vy: 0 });
    return nodes.get(iri);
  };
  const edges = rows.map((r) => ({ source: node(r.a.value, r.aLabel && r.aLabel.value), target: node(r.b.value, r.bLabel && r.bLabel.value), kind: r.kind.value }));
  const list = [...nodes.values()];
  for (let step = 0; step < 300; step++) {
    for (const a of list) for (const b of list) {
      if (a === b) continue;
      const dx = a.x - b.x, dy = a.y - b.y, d2 = Math.max(dx * dx + dy * dy, 25);
      a.vx += (dx / d2) * 400; a.vy += (dy / d2) * 400;
    }
    for (const e of edges) {
      const dx = e.target.x - e.source.x, dy = e.target.y - e.source.y;
      e.source.vx += dx * 0.01; e.source.vy += dy * 0.01; e.target.vx -= dx * 0.01; e.target.vy -= dy * 0.01;
    }
    for (const n of list) {
      n.vx += (450 - n.x) * 0.005; n.vy += (280 - n.y) * 0.005;
      n.x = Math.min(880, Math.max(20, n.x + n.vx * 0.5)); n.y = Math.min(545, Math.max(15, n.y + n.vy * 0.5));
      n.vx *= 0.6; n.vy *= 0.6;
    }
  }
  const ns = "http://www.w3.org/2000/svg";
  svg.innerHTML = "";
  for (const e of edges) {
    const line = document.createElementNS(ns, "line");
    line.setAttribute("class", e.kind);
    for (const [k, v] of [["x1", e.source.x], ["y1", e.source.y], ["x2", e.target.x], ["y2", e.target.y]]) line.setAttribute(k, v);
    svg.appendChild(line);
  }
  for (const n of list) {
    const a = document.createElementNS(ns, "a");
    a.setAttribute("href", n.iri.replace("https://w3id.org/statecraft", ""));
    const circle = document.createElementNS(ns, "circle");
    circle.setAttribute("cx", n.x); circle.setAttribute("cy", n.y); circle.setAttribute("r", 5);
    circle.setAttribute("fill", "#1f5fa8");
    const text = document.createElementNS(ns, "text");
    text.setAttribute("x", n.x + 7); text.setAttribute("y", n.y + 4);
    text.textContent = n.label;
    a.append(circle, text);
    svg.appendChild(a);
  }
  svg.dataset.nodes = String(list.length);
  svg.dataset.edges = String(edges.length);
}

async function start() {
  const response = await fetch("/api/questions");
  for (const q of (await response.json()).questions) questions[q.id] = q;
  $("#question").addEventListener("change", showParameters);
  $("#parameters").addEventListener("input", updateLinks);
  $("#question-form").addEventListener("submit", ask);
  $("#sparql-form").addEventListener("submit", runSparql);
  $("#graph-load").addEventListener("click", drawGraph);
  showParameters();
  await followLink();
  document.body.dataset.ready = "true";
}

// Deep links, so a view can be shared: /?ask=agencies&state=Pakistan, /?sparql=…, /?graph
async function followLink() {
  const params = new URLSearchParams(location.search);
  if (params.has("ask") && questions[params.get("ask")]) {
    $("#question").value = params.get("ask");
    showParameters();
    for (const input of document.querySelectorAll("#parameters input")) {
      if (params.has(input.name)) input.value = params.get(input.name);
    }
    updateLinks();
    await ask(new Event("submit"));
  }
  if (params.has("sparql")) {
    $("#sparql-query").value = params.get("sparql");
    await runSparql(new Event("submit"));
  }
  if (params.has("graph")) await drawGraph();
}

start();
