-- Events are written inline in the table's own pages up to the largest row a page holds (8,160
-- bytes), not moved to the TOAST table from about 2 kB on. A learning statement's event is about
-- 2.1 kB (the statement sealed under its subject's key, in Base64), just over PostgreSQL's default:
-- each append tried to compress the sealed payload (which never compresses) and then wrote it as
-- TOAST chunks with their index entries, and every processor that read the event put it back
-- together. Inline, an append of 100,000 statement events took 0.5-0.6 of the time. Rows written
-- before this keep their storage. Nothing else changes: same columns, same bytes.
ALTER TABLE domain_event_entry SET (toast_tuple_target = 8160);
