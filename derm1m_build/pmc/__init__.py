"""PubMed Central helpers: JATS parsing, E-utilities and OA clients, packages, panels, licences."""
