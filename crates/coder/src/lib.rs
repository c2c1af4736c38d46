//! Parsed sentence + lexicon -> events with evidence and explanations.
