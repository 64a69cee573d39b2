// Page logic for the kg actor network. Globals from the template: vis, nodes, edges, options.
// Text from articles is only ever written with textContent (never innerHTML).
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var body = document.body;
  var container = document.getElementById("mynetwork");
  var tip = document.getElementById("kg-tooltip");
  var actorById = {};
  D.actors.forEach(function (a) { actorById[a.id] = a; });
  var edgeById = {};
  D.edges.forEach(function (e) { edgeById[e.id] = e; });

  function el(tag, text, attrs) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) n.textContent = String(text);
    if (attrs) Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    return n;
  }

  function labelFor(a, lang) {
    if (lang === "en") return a.en || a.ar || a.name;
    if (lang === "ar") return a.ar || a.en || a.name;
    var lines = [];
    if (a.en) lines.push(a.en);
    if (a.ar && a.ar !== a.en) lines.push(a.ar);
    return lines.join("\n") || a.name;
  }

  // ---- tooltips -------------------------------------------------------
  function nodeTooltip(id) {
    var a = actorById[id];
    var box = el("div", null, { "class": "kg-tip-node" });
    if (a.en) box.appendChild(el("div", a.en, { "class": "kg-tip-title", dir: "ltr", lang: "en" }));
    if (a.ar) box.appendChild(el("div", a.ar, { "class": "kg-tip-title", dir: "rtl", lang: "ar" }));
    if (!a.en && !a.ar) box.appendChild(el("div", a.name, { "class": "kg-tip-title" }));
    box.appendChild(el("div", a.type, { "class": "kg-tip-type" }));
    if (a.country) box.appendChild(el("div", "Country: " + a.country));
    if (a.positions.length) {
      box.appendChild(el("div", "Positions:"));
      var ul = el("ul");
      a.positions.forEach(function (p) { ul.appendChild(el("li", p, { dir: "auto" })); });
      box.appendChild(ul);
    }
    return box;
  }

  function edgeTooltip(id) {
    var e = edgeById[id];
    var box = el("div", null, { "class": "kg-tip-edge" });
    var s = actorById[e.from], t = actorById[e.to];
    box.appendChild(el("div", s.name + " → " + t.name, { "class": "kg-tip-title", dir: "auto" }));
    var byType = {}, dates = {};
    e.ev.forEach(function (b) {
      var name = D.types[b[0]];
      byType[name] = (byType[name] || 0) + b[2];
      if (b[1] >= 0) dates[D.days[b[1]]] = true;
    });
    var ul = el("ul");
    Object.keys(byType).sort(function (x, y) { return byType[y] - byType[x] || (x < y ? -1 : 1); })
      .forEach(function (k) {
        var li = el("li", k + " × " + byType[k]);
        li.style.color = D.quadColours[D.typeQuad[k]];
        ul.appendChild(li);
      });
    box.appendChild(ul);
    var ds = Object.keys(dates).sort();
    if (ds.length) box.appendChild(el("div", "Dates: " + (ds.length > 6 ? ds[0] + " … " + ds[ds.length - 1] + " (" + ds.length + " days)" : ds.join(", "))));
    e.evid.forEach(function (pair) {
      var q = el("blockquote", null, { "class": "kg-evidence" });
      q.appendChild(el("div", pair[0], { dir: "auto" }));
      if (pair[1]) q.appendChild(el("cite", pair[1], { dir: "auto" }));
      box.appendChild(q);
    });
    return box;
  }

  function showTip(content, pointer) {
    tip.textContent = "";
    tip.appendChild(content);
    tip.hidden = false;
    var r = container.getBoundingClientRect();
    tip.style.left = Math.min(window.innerWidth - 380, r.left + window.scrollX + pointer.x + 14) + "px";
    tip.style.top = (r.top + window.scrollY + pointer.y + 14) + "px";
  }
  function hideTip() { tip.hidden = true; }

  // ---- filters (same rules as kg/viz/filters.py) -----------------------
  function checked(containerId) {
    var out = {};
    document.querySelectorAll("#" + containerId + " input:checked").forEach(function (i) { out[i.value] = true; });
    return out;
  }

  function currentFilters() {
    return {
      from: document.getElementById("kg-date-from").value || "",
      to: document.getElementById("kg-date-to").value || "",
      minWeight: Math.max(1, parseInt(document.getElementById("kg-min-weight").value, 10) || 1),
      focus: document.getElementById("kg-focus").value.trim(),
      hops: Math.max(0, parseInt(document.getElementById("kg-hops").value, 10) || 0),
      types: checked("kg-event-types"),
      actorTypes: checked("kg-actor-types")
    };
  }

  function findActor(name) {
    var w = name.toLowerCase();
    for (var i = 0; i < D.actors.length; i++) {
      var a = D.actors[i];
      if ([a.en, a.ar, a.name, a.key].some(function (x) { return x && x.toLowerCase() === w; })) return a.id;
    }
    return null;
  }

  function applyFilters() {
    var f = currentFilters();
    var counts = {}, quadCounts = {};
    var keep = [];
    D.edges.forEach(function (e) {
      var n = 0, qc = {};
      var sa = actorById[e.from], ta = actorById[e.to];
      if (f.actorTypes[sa.type] && f.actorTypes[ta.type]) {
        e.ev.forEach(function (b) {
          var type = D.types[b[0]];
          if (!f.types[type]) return;
          var day = b[1] >= 0 ? D.days[b[1]] : null;
          if ((f.from || f.to) && day === null) return;
          if (f.from && day < f.from) return;
          if (f.to && day > f.to) return;
          n += b[2];
          var q = D.typeQuad[type];
          qc[q] = (qc[q] || 0) + b[2];
        });
      }
      counts[e.id] = n;
      quadCounts[e.id] = qc;
      if (n >= f.minWeight && n > 0) keep.push(e);
    });
    var focusId = f.focus ? findActor(f.focus) : null;
    if (f.focus && focusId === null) body.dataset.kgFocusError = "no actor " + f.focus;
    else delete body.dataset.kgFocusError;
    if (focusId !== null) {
      var adj = {};
      keep.forEach(function (e) {
        (adj[e.from] = adj[e.from] || []).push(e.to);
        (adj[e.to] = adj[e.to] || []).push(e.from);
      });
      var seen = {}; seen[focusId] = 0;
      var queue = [focusId];
      while (queue.length) {
        var cur = queue.shift();
        if (seen[cur] >= f.hops) continue;
        (adj[cur] || []).forEach(function (nx) {
          if (!(nx in seen)) { seen[nx] = seen[cur] + 1; queue.push(nx); }
        });
      }
      keep = keep.filter(function (e) { return (e.from in seen) && (e.to in seen); });
    }
    var visibleEdge = {}, visibleNode = {};
    keep.forEach(function (e) { visibleEdge[e.id] = true; visibleNode[e.from] = true; visibleNode[e.to] = true; });
    var edgeUpdates = D.edges.map(function (e) {
      var qc = quadCounts[e.id], best = null;
      D.quads.forEach(function (q) { if (qc[q] && (best === null || qc[q] >= qc[best])) best = q; });
      var n = counts[e.id];
      return { id: e.id, hidden: !visibleEdge[e.id],
               width: Math.min(12, 1 + 2 * Math.log2(Math.max(1, n))),
               color: best ? D.quadColours[best] : "#cccccc" };
    });
    var nodeUpdates = D.actors.map(function (a) { return { id: a.id, hidden: !visibleNode[a.id] }; });
    edges.update(edgeUpdates);
    nodes.update(nodeUpdates);
    var nv = Object.keys(visibleNode).length, ev = keep.length;
    body.dataset.kgVisibleNodes = nv;
    body.dataset.kgVisibleEdges = ev;
    document.getElementById("kg-visible").textContent = "shown: " + nv + " actors, " + ev + " dyads";
    return { nodes: nv, edges: ev };
  }

  function setLang(lang) {
    nodes.update(D.actors.map(function (a) { return { id: a.id, label: labelFor(a, lang) }; }));
    body.dataset.kgLang = lang;
  }

  // ---- controls -------------------------------------------------------
  function checkbox(parent, value, colour) {
    var lab = el("label", null, { "class": "kg-check" });
    var box = el("input", null, { type: "checkbox", value: value });
    box.checked = true;
    lab.appendChild(box);
    var dot = el("span", null, { "class": "kg-dot" });
    dot.style.background = colour;
    lab.appendChild(dot);
    lab.appendChild(document.createTextNode(value));
    parent.appendChild(lab);
  }

  function buildControls() {
    var et = document.getElementById("kg-event-types");
    D.types.forEach(function (t) { checkbox(et, t, D.quadColours[D.typeQuad[t]]); });
    var at = document.getElementById("kg-actor-types");
    D.actorTypes.forEach(function (t) { checkbox(at, t, D.typeColours[t] || "#8c8c8c"); });
    var list = document.getElementById("kg-actor-list");
    D.actors.forEach(function (a) { list.appendChild(el("option", null, { value: a.name })); });
    var from = document.getElementById("kg-date-from"), to = document.getElementById("kg-date-to");
    if (D.days.length) {
      [from, to].forEach(function (i) { i.min = D.days[0]; i.max = D.days[D.days.length - 1]; });
    }
    from.value = D.filters.dateFrom; to.value = D.filters.dateTo;
    document.getElementById("kg-min-weight").value = D.filters.minWeight;
    document.getElementById("kg-focus").value = D.filters.focus;
    document.getElementById("kg-hops").value = D.filters.hops;
    document.getElementById("kg-controls").addEventListener("change", function (ev) {
      if (ev.target.name === "kg-lang") setLang(ev.target.value); else applyFilters();
    });
    document.getElementById("kg-reset").addEventListener("click", function () {
      document.querySelectorAll("#kg-controls input[type=checkbox]").forEach(function (b) { b.checked = true; });
      from.value = ""; to.value = "";
      document.getElementById("kg-min-weight").value = 1;
      document.getElementById("kg-focus").value = "";
      applyFilters();
    });
    var legend = document.getElementById("kg-legend");
    legend.appendChild(el("b", "Actors: "));
    D.actorTypes.forEach(function (t) {
      var s = el("span", null, { "class": "kg-key" });
      var d = el("span", null, { "class": "kg-dot" }); d.style.background = D.typeColours[t] || "#8c8c8c";
      s.appendChild(d); s.appendChild(document.createTextNode(t)); legend.appendChild(s);
    });
    legend.appendChild(el("b", " Edges: "));
    D.quads.forEach(function (q) {
      var s = el("span", null, { "class": "kg-key" });
      var d = el("span", null, { "class": "kg-line" }); d.style.background = D.quadColours[q];
      s.appendChild(d); s.appendChild(document.createTextNode(q)); legend.appendChild(s);
    });
  }

  // ---- network --------------------------------------------------------
  buildControls();
  var initial = applyFilters();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  network.on("hoverNode", function (p) { showTip(nodeTooltip(p.node), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("hoverEdge", function (p) { showTip(edgeTooltip(p.edge), p.pointer.DOM); });
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });  // stop the jiggle once laid out
    body.dataset.kgStable = "1";
  });
  network.once("afterDrawing", function () {
    body.dataset.kgNodes = nodes.length;
    body.dataset.kgEdges = edges.length;
    body.dataset.kgDrawMs = Math.round(performance.now());
    body.dataset.kgState = "drawn";
  });
  if (!D.physics) body.dataset.kgStable = "1";
  window.kg = { network: network, nodeTooltip: nodeTooltip, edgeTooltip: edgeTooltip, setLang: setLang,
                applyFilters: applyFilters, data: D, initial: initial };
})();
