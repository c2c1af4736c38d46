//! Input formats: PETRARCH XML records, JSON Lines, plain text, HTML and WARC articles.
