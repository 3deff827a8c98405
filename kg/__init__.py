"""Statecraft KG: geopolitical analysis to an evidence-backed OWL/RDF knowledge graph.

The package is laid out the way data flows through it::

    kg.documents  ->  kg.extract  ->  kg.facts  ->  kg.rdf  ->  kg.store  ->  kg.reason
                                                                  |
    queries/*.rq  ->  kg.questions  ->  api (Flask) / kg.cli  <---+
"""

__version__ = "0.1.0"
