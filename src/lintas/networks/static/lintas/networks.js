/* The network graph (cytoscape.js). Nodes and edges come from the page's JSON; the same data
   is in the tables below the graph for people who do not use it. */
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("net-graph");
    var data = document.getElementById("net-data");
    if (!box || !data || typeof cytoscape !== "function") { return; }
    var graph = JSON.parse(data.textContent);
    var cy = cytoscape({
      container: box,
      elements: graph.nodes.concat(graph.edges),
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
          "label": "data(caption)", "font-size": 10, "color": "#1b2430", "text-wrap": "ellipsis",
          "text-max-width": 140, "text-valign": "bottom", "text-margin-y": 4,
          "width": 22, "height": 22, "border-width": 2, "border-color": "#fff" } },
        { selector: "node[kind = 'case']", style: {
          "shape": "round-rectangle", "background-color": "#0b5cad", "width": 34, "height": 26,
          "font-weight": "bold" } },
        { selector: "node[kind = 'case-hidden']", style: {
          "shape": "round-rectangle", "background-color": "#fdf3dc", "border-color": "#8a5a00",
          "border-style": "dashed", "width": 34, "height": 26, "color": "#8a5a00" } },
        { selector: "node[kind = 'person']", style: { "background-color": "#d9534f" } },
        { selector: "node[kind = 'indicator']", style: {
          "shape": "diamond", "background-color": "#1d7a3a", "width": 18, "height": 18 } },
        { selector: "node[kind = 'hub']", style: {
          "shape": "diamond", "background-color": "#b8bec8", "color": "#8a93a1",
          "width": 16, "height": 16 } },
        { selector: "edge", style: {
          "width": 1.5, "line-color": "#9aa7b8", "curve-style": "bezier" } },
        { selector: "edge[?withheld]", style: {
          "line-style": "dashed", "line-color": "#c9a25a", "width": 2 } },
        { selector: ":selected", style: {
          "border-color": "#f2a900", "border-width": 4, "line-color": "#f2a900" } }
      ],
      layout: { name: "cose", animate: false, padding: 24, nodeRepulsion: 12000,
                idealEdgeLength: 60, nodeOverlap: 12, randomize: false,
                componentSpacing: 60 }
    });
    var panel = document.getElementById("net-node");
    function text(tag, value, cls) {
      var el = document.createElement(tag);
      el.textContent = value;
      if (cls) { el.className = cls; }
      return el;
    }
    cy.on("tap", "node", function (evt) {
      var d = evt.target.data();
      panel.replaceChildren();
      panel.appendChild(text("h3", d.label));
      var list = document.createElement("ul");
      list.className = "small";
      (d.details || []).forEach(function (line) { list.appendChild(text("li", line)); });
      panel.appendChild(list);
      if (d.link) {
        var a = text("a", box.dataset.open, "btn small secondary");
        a.href = d.link;
        panel.appendChild(a);
      }
    });
    box.dataset.rendered = "true";
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else { start(); }
}());
