-- Tradebrief on PostgreSQL, schema version 1: every table of the storage port.

-- Articles are never changed or deleted; seq orders them by arrival (and distributes nothing:
-- article_id is the natural distribution column, see README "Scaling").
CREATE TABLE articles (
    id            text PRIMARY KEY,
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    url           text,
    content_hash  text NOT NULL,
    published     text,
    ingested_at   text NOT NULL,
    source        text NOT NULL,
    title         text NOT NULL,
    language      text NOT NULL DEFAULT 'en',
    teaser        text NOT NULL DEFAULT '',
    body          text NOT NULL
);
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_newest ON articles (published DESC NULLS LAST, ingested_at DESC);
CREATE INDEX articles_id_prefix ON articles (id text_pattern_ops);

-- Sentence n of article A is "A:n"; its text is body[start_at:end_at] (kept beside the body for
-- full-text search, which ranks candidates in the database).
CREATE TABLE sentences (
    article_id  text NOT NULL REFERENCES articles (id),
    position    integer NOT NULL,
    start_at    integer NOT NULL,
    end_at      integer NOT NULL,
    text        text NOT NULL,
    tsv         tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX sentences_tsv ON sentences USING gin (tsv);

-- One row per article and extractor run: the facts as compact JSON text (decoded on demand).
CREATE TABLE fact_sets (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id  text NOT NULL REFERENCES articles (id),
    extractor   text NOT NULL,
    count       integer NOT NULL,
    facts       text NOT NULL
);
CREATE INDEX fact_sets_article ON fact_sets (article_id);

-- Grows by one with every commit that changes the corpus: workers see each other's ingests.
CREATE TABLE corpus_version (
    one      boolean PRIMARY KEY DEFAULT true CHECK (one),
    version  bigint NOT NULL
);
INSERT INTO corpus_version VALUES (true, 0);

CREATE TABLE feeds (
    url  text PRIMARY KEY,
    seq  bigint GENERATED ALWAYS AS IDENTITY,
    doc  jsonb NOT NULL
);

CREATE TABLE subscriptions (
    id   text PRIMARY KEY,
    seq  bigint GENERATED ALWAYS AS IDENTITY,
    doc  jsonb NOT NULL
);

-- One row per (subscription, local date): the key is unique, so however many workers run, a
-- digest is claimed (and sent) once.
CREATE TABLE digests_sent (
    key     text NOT NULL UNIQUE,
    seq     bigint GENERATED ALWAYS AS IDENTITY,
    day     text NOT NULL,
    status  text NOT NULL,
    doc     jsonb NOT NULL
);
CREATE INDEX digests_sent_status ON digests_sent (status);

-- Named integers shared by every worker (rate limits, the daily LLM cap).
CREATE TABLE counters (
    name   text PRIMARY KEY,
    value  bigint NOT NULL
);
