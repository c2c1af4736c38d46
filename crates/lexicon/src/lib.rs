//! CAMEO/PLOVER ontology, dictionaries in dyad's format, PETRARCH importer and compiled matcher.
