//! Averaged-perceptron POS tagger, lemmatiser and transition-based dependency parser; CoNLL-U and Penn-tree readers.
