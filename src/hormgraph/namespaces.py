"""The namespaces of the data contract, declared once, and the prefixes every output binds."""

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

HGO = Namespace("https://w3id.org/hormgraph/ontology#")
HG = Namespace("https://w3id.org/hormgraph/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
OBO = Namespace("http://purl.obolibrary.org/obo/")
SH = Namespace("http://www.w3.org/ns/shacl#")

ONTOLOGY_IRI = "https://w3id.org/hormgraph/ontology"
GLOSSARY_SCHEME = HG["scheme/glossary"]
VOCABULARY_SCHEME = HG["scheme/vocabulary"]

#: The kinds of things described, each with its IRI prefix (a Turtle local name cannot hold "/").
KINDS = ("term", "hormone", "enzyme", "tissue", "process", "receptor",
         "source", "annotation", "statement", "scheme", "activity")

PREFIXES: dict[str, Namespace] = {
    "hgo": HGO,
    "hg": HG,
    **{kind: Namespace(f"{HG}{kind}/") for kind in KINDS},
    "skos": Namespace(str(SKOS)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "oa": OA,
    "obo": OBO,
    "sh": SH,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind hormgraph's prefixes to `graph`, replacing rdflib's defaults, and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
