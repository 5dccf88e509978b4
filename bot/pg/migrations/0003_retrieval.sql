-- Schema version 3: retrieval runs in the database, so a worker holds no index of the corpus.

-- Document frequency of every full-text lexeme (sentences holding it), kept at commit: the
-- candidate query weighs each question term by its IDF, like BM25.
CREATE TABLE lexeme_df (
    lexeme  text PRIMARY KEY,
    df      bigint NOT NULL
);
INSERT INTO lexeme_df (lexeme, df) SELECT word, ndoc FROM ts_stat('SELECT tsv FROM sentences');

-- Sentence count and total length (BM25's average sentence length), kept at commit.
ALTER TABLE corpus_version ADD COLUMN sentences bigint NOT NULL DEFAULT 0;
ALTER TABLE corpus_version ADD COLUMN sentence_chars bigint NOT NULL DEFAULT 0;
UPDATE corpus_version SET sentences = (SELECT count(*) FROM sentences),
                          sentence_chars = (SELECT coalesce(sum(end_at - start_at), 0) FROM sentences);

-- The lexicon (bot/entities.py): word counts (all, written in lower case), and per name key how
-- often it is seen away from a sentence's start, its articles and its written forms. Tallies add
-- up commit by commit; which keys are names is decided when asked (entities.keeps_name).
CREATE TABLE lexicon_words (
    word   text PRIMARY KEY,
    total  bigint NOT NULL,
    lower  bigint NOT NULL
);
CREATE TABLE lexicon_names (
    key          text PRIMARY KEY,
    inner_count  bigint NOT NULL,
    words        integer NOT NULL
);
CREATE TABLE lexicon_name_articles (
    key         text NOT NULL,
    article_id  text NOT NULL REFERENCES articles (id),
    PRIMARY KEY (key, article_id)
);
CREATE TABLE lexicon_name_forms (
    key   text NOT NULL,
    form  text NOT NULL,
    n     bigint NOT NULL,
    PRIMARY KEY (key, form)
);
-- Whether an article is counted in the lexicon tables: articles stored before this version are
-- counted by the first writer that opens the database (PgStore.tally_backlog).
ALTER TABLE articles ADD COLUMN lexicon boolean NOT NULL DEFAULT false;
CREATE INDEX articles_lexicon_backlog ON articles (seq) WHERE NOT lexicon;
