/* hormgraph's network view: legend and filters, search, and a details panel over vis-network.
 *
 * A small API on window.hormgraph, for tests, benchmarks and the curious:
 *   find(query)                    ids of the nodes whose label or a synonym matches, best first
 *   search(query)                  focus the best match, as Enter in the search box; its id or null
 *   selectNode(id)                 select and centre a node and show its panel; false if unknown
 *   selectedNodeId()               the node whose panel is open, or null
 *   visibleNodeIds()               the nodes shown: in the overview or revealed, and not
 *                                  hidden by a type filter
 *   expand(id)                     show a node's linked nodes; how many were hidden
 *   setTypeVisible(type, visible)  what a type's checkbox does
 *   setGenericVisible(visible)     what the "general concepts" checkbox does
 *   focusedNodeIds()               the node a click focused and its neighbours, or null
 *   network                        the vis.Network
 *   interactiveAt                  performance.now() when the first frame was drawn, else null
 *
 * Text from the entries reaches the page only through textContent and text nodes, never as markup.
 */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("hormgraph-data").textContent);
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const types = new Map(data.types.map((type) => [type.name, type]));
  const kinds = new Map(data.edgeKinds.map((kind) => [kind.name, kind]));
  const links = new Map(data.nodes.map((node) => [node.id, []]));
  data.edges.forEach((edge) => {
    links.get(edge.from).push({ edge, other: edge.to, outgoing: true });
    links.get(edge.to).push({ edge, other: edge.from, outgoing: false });
  });

  // A large graph opens on an overview (node.overview); search and expanding reveal the rest.
  const revealed = new Set(data.nodes.filter((node) => node.overview).map((node) => node.id));
  // Generic concepts ("hormone", "anatomical entity") link nearly everything: folded away
  // until their checkbox shows them, or search or a link in the panel goes to one.
  let showGeneric = false;
  let selected = null;
  const hiddenTypes = new Set();
  const nodes = new vis.DataSet(data.nodes.map((node) => ({
    id: node.id, label: node.shown, group: node.group, x: node.x, y: node.y, size: node.size,
    ...(node.font ? { font: node.font } : {}),
    hidden: !shown(node),
  })));
  const edges = new vis.DataSet(data.edges);
  const network = new vis.Network(document.getElementById("network"), { nodes, edges },
    data.options);

  const api = {
    network, interactiveAt: null, find, search, selectNode, setTypeVisible, expand,
    setGenericVisible, focusedNodeIds: () => (focused ? [...focused] : null),
    selectedNodeId: () => selected,
    visibleNodeIds: () => nodes.getIds({ filter: (node) => !node.hidden }),
    overviewLimit: data.overviewLimit,
  };
  window.hormgraph = api;
  network.once("afterDrawing", () => { api.interactiveAt = performance.now(); });

  function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  /* ---- legend and filters ---- */

  const typeBoxes = new Map();

  function filterRow(container, swatch, text, count, onChange) {
    const label = element("label");
    const box = element("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", () => onChange(box.checked));
    label.append(box, swatch, element("span", text), element("span", String(count), "count"));
    container.append(label);
    return box;
  }

  function countBy(items, key) {
    const counts = new Map();
    items.forEach((item) => counts.set(item[key], (counts.get(item[key]) || 0) + 1));
    return counts;
  }

  const typeCounts = countBy(data.nodes, "group");
  data.types.forEach((type) => {
    const symbol = element("span", type.symbol, "symbol");
    symbol.style.color = type.colour;
    typeBoxes.set(type.name, filterRow(document.getElementById("type-filters"), symbol,
      type.plural, typeCounts.get(type.name) || 0,
      (visible) => setTypeVisible(type.name, visible)));
  });

  const kindCounts = countBy(data.edges, "kind");
  const hiddenKinds = new Set();
  data.edgeKinds.forEach((kind) => {
    const line = element("span", undefined, "line");
    const pattern = !kind.dashes ? "solid" : kind.dashes[0] <= 3 ? "dotted" : "dashed";
    line.style.borderTop = `${kind.width}px ${pattern} ${kind.color.color}`;
    filterRow(document.getElementById("edge-filters"), line, kind.label,
      kindCounts.get(kind.name) || 0, (visible) => {
        if (visible) hiddenKinds.delete(kind.name); else hiddenKinds.add(kind.name);
        edges.update(data.edges.flatMap(
          (edge) => (edge.kind === kind.name ? [{ id: edge.id, hidden: !visible }] : [])));
        updateSummary();
      });
  });

  const generic = data.nodes.filter((node) => node.generic).length;
  const genericRow = element("div", undefined, "generic");
  genericRow.append(element("h2", "Folded away"));
  document.getElementById("legend").append(genericRow);
  const genericBox = filterRow(genericRow, element("span", "○", "symbol"),
    "general concepts (e.g. “hormone”, “organ”)", generic,
    (visible) => setGenericVisible(visible));
  genericBox.checked = false;
  genericBox.id = "show-generic";

  /* The header's counts: what is shown (the page opens with the build's own line). */
  function updateSummary() {
    const shownNodes = data.nodes.filter((node) => shown(node));
    const visible = new Set(shownNodes.map((node) => node.id));
    const shownEdges = data.edges.filter((edge) => !hiddenKinds.has(edge.kind)
      && visible.has(edge.from) && visible.has(edge.to));
    const byType = countBy(shownNodes, "group");
    const byKind = countBy(shownEdges, "kind");
    const nodeText = data.types.map((type) => {
      const count = byType.get(type.name) || 0;
      return `${count} ${count === 1 ? type.name : type.plural}`;
    }).join(", ");
    const edgeText = data.edgeKinds.map((kind) => `${byKind.get(kind.name) || 0} ${kind.short}`)
      .join(", ");
    const of = shownNodes.length < data.nodes.length ? ` of ${data.nodes.length}` : "";
    document.getElementById("summary").textContent =
      `${shownNodes.length}${of} nodes shown (${nodeText}) · ${shownEdges.length} links (${edgeText})`;
  }
  api.updateSummary = updateSummary;

  function shown(node) {
    return revealed.has(node.id) && !hiddenTypes.has(node.group)
      && (showGeneric || !node.generic || node.id === selected);
  }

  function setGenericVisible(visible) {
    showGeneric = visible;
    genericBox.checked = visible;
    nodes.update(data.nodes.filter((node) => node.generic)
      .map((node) => ({ id: node.id, hidden: !shown(node) })));
    updateSummary();
  }

  function setTypeVisible(type, visible) {
    if (visible) hiddenTypes.delete(type); else hiddenTypes.add(type);
    typeBoxes.get(type).checked = visible;
    nodes.update(data.nodes.flatMap(
      (node) => (node.group === type ? [{ id: node.id, hidden: !shown(node) }] : [])));
    if (!visible && selected && byId.get(selected).group === type) closePanel();
    updateSummary();
  }

  function reveal(ids) {
    const fresh = ids.filter((id) => !revealed.has(id));
    fresh.forEach((id) => revealed.add(id));
    nodes.update(fresh.map((id) => ({ id, hidden: !shown(byId.get(id)) })));
    if (fresh.length) updateSummary();
    return fresh.length;
  }

  function expand(id) {
    if (!byId.has(id)) return 0;
    const added = reveal([id, ...links.get(id).map((link) => link.other)]);
    if (selected === id) showPanel(id);
    return added;
  }

  /* ---- search ---- */

  function normalise(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\s\-\u2010-\u2015_]+/g, " ").trim();
  }

  const index = data.nodes.flatMap((node) => [[normalise(node.label), node.id, 0]].concat(
    (node.synonyms || []).map((synonym) => [normalise(synonym), node.id, 1])));

  function find(query, limit = 10) {
    const wanted = normalise(query);
    if (!wanted) return [];
    const scores = new Map();
    index.forEach(([text, id, synonym]) => {
      let score;
      if (text === wanted) score = 0;
      else if (text.startsWith(wanted)) score = 1;
      else if (text.includes(` ${wanted}`)) score = 2;
      else if (text.includes(wanted)) score = 3;
      else return;
      score = 2 * score + synonym;
      if (!scores.has(id) || score < scores.get(id)) scores.set(id, score);
    });
    const label = (id) => byId.get(id).label;
    return [...scores.entries()]
      .sort((a, b) => a[1] - b[1] || label(a[0]).length - label(b[0]).length
        || label(a[0]).localeCompare(label(b[0])))
      .slice(0, limit).map(([id]) => id);
  }

  function search(query) {
    const [best] = find(query, 1);
    if (best === undefined) return null;
    selectNode(best);
    return best;
  }

  const searchBox = document.getElementById("search");
  const suggestions = document.getElementById("suggestions");

  function suggest() {
    const found = find(searchBox.value, 8);
    suggestions.replaceChildren(...found.map((id) => {
      const item = element("li", byId.get(id).label);
      item.setAttribute("role", "option");
      item.append(element("span", byId.get(id).group, "muted"));
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        suggestions.hidden = true;
        selectNode(id);
      });
      return item;
    }));
    suggestions.hidden = found.length === 0;
  }

  searchBox.addEventListener("input", suggest);
  searchBox.addEventListener("blur", () => { suggestions.hidden = true; });
  searchBox.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      suggestions.hidden = true;
      search(searchBox.value);
    } else if (event.key === "Escape") {
      suggestions.hidden = true;
    }
  });

  /* ---- selection and the details panel ---- */

  const panel = document.getElementById("panel");

  function selectNode(id) {
    const node = byId.get(id);
    if (!node) return false;
    if (hiddenTypes.has(node.group)) setTypeVisible(node.group, true);
    reveal([id]);
    const before = selected;
    showPanel(id);
    nodes.update([id, before].filter((n) => n && byId.has(n))
      .map((n) => ({ id: n, hidden: !shown(byId.get(n)) })));
    network.selectNodes([id]);
    focusOn(id);
    // Centred in what the panel leaves visible. vis-network animates frame by frame, which
    // crawls when a frame of a large graph is slow.
    network.focus(id, {
      scale: Math.max(network.getScale(), 1),
      offset: { x: -panel.offsetWidth / 2, y: 0 },
      animation: data.large ? false : { duration: 300, easingFunction: "easeInOutQuad" },
    });
    return true;
  }

  /* A click on a node focuses on it: it and its neighbours in full, the rest dimmed. A click on
   * the background brings everything back. */
  let focused = null;

  function focusOn(id) {
    focused = new Set([id, ...links.get(id).map((link) => link.other)]);
    nodes.update(data.nodes.map((node) => ({
      id: node.id, opacity: focused.has(node.id) ? 1 : 0.15 })));
    edges.update(data.edges.map((edge) => {
      const near = edge.from === id || edge.to === id;
      return { id: edge.id, color: { ...kinds.get(edge.kind).color, opacity: near ? 1 : 0.1 },
        font: { size: kinds.get(edge.kind).font.size,
          color: near ? "#555555" : "rgba(0, 0, 0, 0)" } };
    }));
  }

  function unfocus() {
    if (!focused) return;
    focused = null;
    nodes.update(data.nodes.map((node) => ({ id: node.id, opacity: 1 })));
    edges.update(data.edges.map((edge) => ({
      id: edge.id, color: { ...kinds.get(edge.kind).color, opacity: 1 },
      font: { size: kinds.get(edge.kind).font.size, color: "#555555" } })));
  }
  api.unfocus = unfocus;

  network.on("click", (event) => {
    if (event.nodes.length) {
      showPanel(event.nodes[0]);
      focusOn(event.nodes[0]);
    } else {
      closePanel();
      unfocus();
    }
  });
  document.getElementById("panel-close").addEventListener("click", () => {
    network.unselectAll();
    closePanel();
    unfocus();
  });

  function closePanel() {
    const was = selected;
    selected = null;
    panel.hidden = true;
    if (was && byId.get(was).generic) nodes.update({ id: was, hidden: !shown(byId.get(was)) });
  }

  function nodeButton(id) {
    const button = element("button", byId.get(id).label, "link");
    button.type = "button";
    button.addEventListener("click", () => selectNode(id));
    return button;
  }

  function section(title, ...content) {
    const part = element("section");
    part.append(element("h3", title), ...content);
    return part;
  }

  function list(items) {
    const made = element("ul");
    made.append(...items.map((content) => {
      const item = element("li");
      item.append(...[].concat(content));
      return item;
    }));
    return made;
  }

  function identifier(match) {
    const note = ` (${match.match} match)`;
    if (!/^https?:\/\//i.test(match.iri)) return [match.iri, note];
    const anchor = element("a", match.id);
    anchor.href = match.iri;
    anchor.title = match.iri;
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    return [anchor, note];
  }

  function evidence(found) {
    const quote = element("blockquote");
    quote.append(found.before, element("mark", found.mention), found.after);
    return [nodeButton(found.term), element("span", ` · ${found.section}`, "muted"), quote];
  }

  function relation(link) {
    const edge = link.edge;
    const origin = element("span", ` · ${kinds.get(edge.kind).label}`, "muted");
    return link.outgoing ? [`${edge.label} → `, nodeButton(link.other), origin]
      : [nodeButton(link.other), ` ${edge.label} → this`, origin];
  }

  function details(node) {
    const parts = [];
    const hidden = new Set(links.get(node.id).filter((link) => !revealed.has(link.other))
      .map((link) => link.other)).size;
    if (hidden) {
      const more = element("button", `Show ${hidden} more linked node${hidden === 1 ? "" : "s"}`,
        "link");
      more.type = "button";
      more.addEventListener("click", () => expand(node.id));
      parts.push(section("Not in the overview", more));
    }
    if (node.synonyms) parts.push(section("Synonyms", list(node.synonyms)));
    if (node.definition) parts.push(section("Definition", element("p", node.definition)));
    if (node.source) parts.push(section("Source", element("p", node.source)));
    if (node.matches) parts.push(section("Identifiers", list(node.matches.map(identifier))));
    const isMention = (link) => link.edge.kind === "mention";
    const mentions = links.get(node.id).filter(isMention).map((link) => link.other)
      .sort((a, b) => byId.get(a).label.localeCompare(byId.get(b).label));
    if (mentions.length) {
      const title = node.group === "term" ? "Mentions" : "Mentioned by";
      parts.push(section(`${title} (${mentions.length})`, list(mentions.map(nodeButton))));
    }
    const related = links.get(node.id).filter((link) => !isMention(link));
    if (related.length) parts.push(section("Links", list(related.map(relation))));
    if (node.evidence) {
      const total = node.evidence_total || node.evidence.length;
      const count = total > node.evidence.length
        ? `${node.evidence.length} of ${total.toLocaleString("en")}` : `${total}`;
      const rest = total > node.evidence.length
        ? [element("p", "The rest: mentions.csv, or SPARQL over hormgraph.ttl.", "muted")] : [];
      parts.push(section(`Evidence (${count})`, list(node.evidence.map(evidence)), ...rest));
    }
    return parts;
  }

  function showPanel(id) {
    const node = byId.get(id);
    const type = types.get(node.group);
    selected = id;
    document.getElementById("panel-title").textContent = node.label;
    const typeLine = document.getElementById("panel-type");
    typeLine.textContent = `${type.symbol} ${type.name}`;
    typeLine.style.color = type.colour;
    document.getElementById("panel-body").replaceChildren(...details(node));
    panel.hidden = false;
  }

  // Generic concepts start folded away, so the header counts what is shown.
  if (generic) updateSummary();
}());
