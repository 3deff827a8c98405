"""The Flask application: SPARQL endpoint, canned questions and UI (see DESIGN §8)."""
