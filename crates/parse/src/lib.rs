//! Averaged-perceptron POS tagger, lemmatiser and transition-based dependency
//! parser trained on UD English; CoNLL-U and Penn-tree readers.
//!
//! Module owners (parallel work; add only your own `pub use` lines):
//! - `conllu`, `tagger`, `lemma`, `error`: the tagger/lemmatiser work.
//! - `parser`, `model`: the dependency-parser work (and the model container).
//! - `penn`: the Penn-tree reader and constituency-to-dependency converter.

mod conllu;
mod error;
mod lemma;
mod model;
mod parser;
mod penn;
mod repair;
mod tagger;

pub use conllu::{ConlluExtra, ConlluReader, ConlluWriter, MAX_LINE_BYTES, read_conllu_file};
pub use error::{Error, Result};
pub use lemma::{LemmaOptions, Lemmatizer};
pub use model::{
    EvalCounts, Evaluation, MODEL_MAGIC, MODEL_VERSION, Model, ModelMetadata, TrainingFile,
    sha256_hex,
};
pub use parser::{EpochStats, Parser, ParserTrainOptions, ParserTrainer};
pub use penn::{PennTree, penn_to_sentence};
pub use tagger::{TagAccuracy, Tagger, TrainOptions, evaluate_tagging};
