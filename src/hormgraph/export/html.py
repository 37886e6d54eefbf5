"""The interactive network view: network data from networkx, drawn by pyvis, working offline."""

from __future__ import annotations

import json

import networkx as nx
from pyvis.network import Network
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from hormgraph.namespaces import HGO

TYPES = {HGO.GlossaryTerm: "term", HGO.Hormone: "hormone", HGO.Enzyme: "enzyme",
         HGO.Tissue: "tissue", HGO.Process: "process", HGO.Receptor: "receptor"}
COLOURS = {"term": "#4c4c4c", "hormone": "#d1495b", "enzyme": "#edae49", "tissue": "#00798c",
           "process": "#66a182", "receptor": "#8e6cc2"}


def to_network(graph: Graph) -> nx.MultiDiGraph:
    """The graph's terms and entities as nodes, mentions and relations as edges."""
    network = nx.MultiDiGraph()
    for cls, kind in TYPES.items():
        for node in sorted(graph.subjects(RDF.type, cls)):
            label = graph.value(node, SKOS.prefLabel)
            network.add_node(str(node), label=str(label or node), type=kind)
    for term in sorted(graph.subjects(RDF.type, HGO.GlossaryTerm)):
        for entity in sorted(graph.objects(term, HGO.mentions)):
            if str(entity) in network:
                network.add_edge(str(term), str(entity), kind="mention", label="mentions")
    return network


def to_html(graph: Graph) -> str:
    """A self-contained HTML page showing the network."""
    network = to_network(graph)
    view = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line")
    for node, data in sorted(network.nodes(data=True)):
        view.nodes.append({"id": node, "label": data["label"], "color": COLOURS[data["type"]],
                           "title": data["type"], "shape": "dot"})
        view.node_ids.append(node)
        view.node_map[node] = view.nodes[-1]
    for source, target, data in sorted(network.edges(data=True), key=json.dumps):
        view.edges.append({"from": source, "to": target, "title": data["label"]})
    return str(view.generate_html())
