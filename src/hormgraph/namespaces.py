"""The namespaces of the data contract, declared once, and the prefixes every output binds."""

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from hormgraph.model import EntityType


class HGO(DefinedNamespace):
    """hormgraph's schema (ontology/hormgraph.ttl): every term it declares, and no other; each
    entity type's class (`HGO.Hormone`) and typed mention property (`HGO.mentionsHormone`) are
    declared below, from the model."""

    _NS = Namespace("https://w3id.org/hormgraph/ontology#")
    _fail = True

    GlossaryTerm: URIRef
    SourceFile: URIRef
    Sentence: URIRef
    origin: URIRef
    mechanism: URIRef
    mentions: URIRef
    converts: URIRef
    produces: URIRef
    convertedTo: URIRef
    binds: URIRef
    actsOn: URIRef
    producedIn: URIRef
    expressedIn: URIRef
    regulates: URIRef
    inhibits: URIRef
    balancedWith: URIRef
    basis: URIRef
    text: URIRef
    curated: URIRef
    product: URIRef
    evidence: URIRef
    section: URIRef
    sentence: URIRef
    inSentence: URIRef
    sha256: URIRef
    extractable: URIRef
    adjective: URIRef
    ambiguousLabel: URIRef
    stopPhrase: URIRef


HGO.__annotations__.update({name: URIRef for t in EntityType
                            for name in (t.class_name, f"mentions{t.class_name}")})


def type_class(type_: EntityType) -> URIRef:
    """The hgo: class of an entity type.

    >>> type_class(EntityType.HORMONE)
    rdflib.term.URIRef('https://w3id.org/hormgraph/ontology#Hormone')
    """
    return HGO[type_.class_name]


def mention_property(type_: EntityType) -> URIRef:
    """The typed sub-property of hgo:mentions for an entity type (hgo:mentionsHormone)."""
    return HGO[f"mentions{type_.class_name}"]


#: The entity types' classes and typed mention properties, in the model's order.
ENTITY_CLASSES: dict[URIRef, EntityType] = {type_class(t): t for t in EntityType}
TYPED_MENTIONS: tuple[URIRef, ...] = tuple(mention_property(t) for t in EntityType)

HG = Namespace("https://w3id.org/hormgraph/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
OBO = Namespace("http://purl.obolibrary.org/obo/")
SH = Namespace("http://www.w3.org/ns/shacl#")

ONTOLOGY_IRI = "https://w3id.org/hormgraph/ontology"
GLOSSARY_SCHEME = HG["scheme/glossary"]
VOCABULARY_SCHEME = HG["scheme/vocabulary"]

#: The property that stores each section of an entry on its term (annotations name the section).
SECTION_PROPERTY: dict[str, URIRef] = {"definition": SKOS.definition, "origin": HGO.origin,
                                       "mechanism": HGO.mechanism}

#: The kinds of things described, each with its IRI prefix (a Turtle local name cannot hold "/").
KINDS = ("term", *(t.value for t in EntityType),
         "source", "annotation", "sentence", "statement", "scheme", "activity")

PREFIXES: dict[str, Namespace] = {
    "hgo": Namespace(str(HGO)),
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
